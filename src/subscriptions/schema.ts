import { z } from 'zod';
import { isSingleAddress } from '../mail/address.js';
import { LIMITS } from '../report-form/schema.js';
import { cleanAddress, cleanLine } from '../web/clean-text.js';

/** "This is my problem too": the name and address the review page carries from the checked form. */
export const subscribeSchema = z.object({
  name: z.string().transform(cleanLine).pipe(z.string().min(1).max(LIMITS.name)),
  email: z.string().transform(cleanAddress).pipe(z.string().max(LIMITS.email)).refine(isSingleAddress),
});
