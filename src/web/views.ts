import path from 'node:path';
import type { Express } from 'express';
import type { Config } from '../config.js';

export function setUpViews(app: Express, options: { config: Config; rootDir: string }) {
  app.set('views', path.join(options.rootDir, 'views'));
  app.set('view engine', 'ejs');
  // Views are compiled once and kept in production; in development an edit shows on reload.
  app.set('view cache', options.config.production);
  app.locals.publicUrl = options.config.publicUrl;
  app.locals.contactEmail = options.config.contactEmail;
}
