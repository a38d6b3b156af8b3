import path from 'node:path';
import type { Express } from 'express';
import type { Config } from '../config.js';
import { officeRole } from '../contacts/office-role.js';
import { staffNavItems } from '../staff/nav.js';
import { NOTICE_PERIODS } from '../retention/notice-periods.js';
import { canDecodeHeic } from '../uploads/photo-processor.js';
import { ejsViewEngine } from './view-engine.js';

export function setUpViews(app: Express, options: { config: Config; rootDir: string }) {
  app.set('views', path.join(options.rootDir, 'views'));
  app.set('view engine', 'ejs');
  // EJS, but with each include found once rather than by a file-system check on every render.
  app.engine('ejs', ejsViewEngine());
  // Views are compiled once and kept in production; in development an edit shows on reload.
  app.set('view cache', options.config.production);
  app.locals.publicUrl = options.config.publicUrl;
  app.locals.contactEmail = options.config.contactEmail;
  // The privacy notice states the periods the configuration sets.
  app.locals.retention = options.config.retention;
  app.locals.noticePeriods = NOTICE_PERIODS;
  app.locals.staffNavItems = staffNavItems;
  // The role an office is named by: Viļāni's administration is a town's, not a parish's.
  app.locals.officeRole = officeRole;
  // iPhones turn HEIC photos into JPEG for a file input that does not ask for HEIC; ask for it only
  // when this build of sharp can decode it (the prebuilt one cannot: no HEVC decoder).
  const heic = canDecodeHeic();
  app.locals.photoAccept = heic
    ? 'image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif'
    : 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';
  // …and name HEIC in the hints only then, so nobody is invited to send what will be refused.
  app.locals.photoFormatsKey = heic ? 'uploads.formats.withHeic' : 'uploads.formats.plain';
}
