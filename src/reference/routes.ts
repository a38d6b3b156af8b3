import { Router } from 'express';
import type { ReferenceService } from './service.js';

export function homeRoutes(reference: ReferenceService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const [apvienibas, categories] = await Promise.all([
      reference.apvienibas(req.language),
      reference.categories(req.language),
    ]);
    res.render('home/index', {
      apvienibas,
      problemCategories: categories.filter((category) => category.active && category.kind === 'problem'),
      helpCategories: categories.filter((category) => category.active && category.kind === 'help'),
    });
  });
  router.get('/accessibility', (_req, res) => res.render('pages/accessibility'));
  router.get('/privacy', (_req, res) => res.render('pages/privacy'));
  return router;
}
