import type { Request, Response } from 'express';
import { PRIVATE_CACHE, sendPhoto } from '../photos/routes.js';
import type { Services } from '../services.js';
import { thumbnailKey } from '../uploads/storage.js';
import { NotFoundError } from '../web/errors.js';
import { idOf, moderator, refOf } from './staff-page.js';

type Deps = Pick<Services, 'moderation' | 'photos'>;

/**
 * A report's photo as moderators see it, hidden or not (a hidden one is served to nobody else):
 * only to a moderator who may see the report, and never kept by any cache.
 */
export class PhotoPages {
  constructor(private readonly deps: Deps) {}

  readonly image = (req: Request, res: Response) => this.send(req, res, false);
  readonly thumb = (req: Request, res: Response) => this.send(req, res, true);

  private async send(req: Request, res: Response, thumb: boolean) {
    const target = { kind: 'photo', id: idOf(req.params.id) } as const;
    const { photo } = await this.deps.moderation.hiding.subject(moderator(req), refOf(req), target);
    if (!photo) throw new NotFoundError();
    const key = photo.storageKey;
    await sendPhoto(this.deps.photos, thumb ? thumbnailKey(key) : key, res, PRIVATE_CACHE);
  }
}
