import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from './errors.js';
import { fetchedFromOurPages } from './origin-check.js';

/**
 * A download that writes to the audit log (a volunteer's or an asker's data, a case file) opens
 * from its page in the workspace, or typed or bookmarked (`Sec-Fetch-Site: none`): never from a
 * link on another site. Such a link gives that site nothing (the file goes to the member), but would
 * write "exported" under a signed-in member's name, which a GET with a `SameSite=Lax` session
 * cookie allows. A browser that sends no `Sec-Fetch-Site` (old, or not a browser) is let through,
 * as originCheck lets it.
 */
export function ownPageOnly(req: Request, _res: Response, next: NextFunction): void {
  next(
    fetchedFromOurPages(req) !== false
      ? undefined
      : new ForbiddenError('cross_site', 'staff.downloadElsewhere'),
  );
}
