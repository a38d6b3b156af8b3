/* eslint-disable no-console -- a command-line tool talks to its user on the console */
import { parseArgs } from 'node:util';
import { generate } from 'otplib';
import { AuditRepository } from '../audit/repository.js';
import { toolErrorText } from '../start-refusal.js';
import { loadConfig } from '../config.js';
import { openOrSayInUse } from '../db/embedded-lock.js';
import { createDatabase } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';
import { cliTranslator, exitCodeOf, parsedOrUsage, UsageError } from '../i18n/cli.js';
import { isLanguage } from '../i18n/index.js';
import { Sealer } from '../security/sealing.js';
import { seedReference } from '../../seeds/reference.js';
import { StaffDirectory, StaffError } from './directory.js';
import { StaffRepository } from './repository.js';
import { STAFF_ROLES, isStaffRole } from './types.js';

/** What the directory's refusals say, by their code (the `cli.staff` section of the catalogs). */
const MESSAGES: Record<StaffError['code'], string> = {
  email: 'cli.staff.email',
  name: 'cli.staff.name',
  exists: 'cli.staff.exists',
  contact: 'cli.staff.contact',
};

async function main() {
  const t = await cliTranslator(process.env);
  const [command = '', ...args] = process.argv.slice(2);
  const { values } = parsedOrUsage(
    () =>
      parseArgs({
        args,
        options: {
          email: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          language: { type: 'string', default: 'lv' },
          contact: { type: 'string', multiple: true, default: [] },
        },
      }),
    t('cli.staff.usage'),
  );
  if ((command !== 'add' && command !== 'code') || !values.email) throw new UsageError(t('cli.staff.usage'));
  const config = loadConfig();
  const db = openOrSayInUse(
    () => createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    t,
  );
  try {
    await migrateLatest(db.knex);
    await seedReference(db.knex);
    const staff = new StaffRepository(db.knex);
    if (command === 'code') {
      // Only where the development secret seals the demo staff's secrets, never on a real server.
      if (!config.development) throw new Error(t('cli.staff.codeDevOnly'));
      const member = await staff.byEmail(values.email);
      const sealed = member ? (await staff.secrets(member.id))?.totpSecret : undefined;
      const secret = sealed ? new Sealer(config.secret, 'totp').open(sealed) : undefined;
      if (!secret) throw new Error(t('cli.staff.noAuthenticator', { email: values.email }));
      console.log(await generate({ secret }));
      return;
    }
    if (!isStaffRole(values.role)) {
      throw new Error(`${t('cli.staff.role', { roles: STAFF_ROLES.join(', ') })}\n${t('cli.staff.usage')}`);
    }
    if (!isLanguage(values.language)) throw new Error(t('cli.staff.language'));
    const directory = new StaffDirectory({
      knex: db.knex,
      staff,
      audit: new AuditRepository(db.knex),
      clock: () => new Date(),
    });
    const member = await directory.add(
      {
        email: values.email,
        name: values.name ?? values.email.slice(0, values.email.indexOf('@')),
        role: values.role,
        language: values.language,
        contactCodes: values.contact,
      },
      null,
    );
    console.log(
      t('cli.staff.added', {
        name: member.name,
        email: member.email,
        role: member.role,
        url: `${config.publicUrl}/staff/sign-in`,
      }),
    );
  } catch (error) {
    if (error instanceof StaffError) throw new Error(t(MESSAGES[error.code]), { cause: error });
    throw error;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(toolErrorText(error, process.env));
  process.exit(exitCodeOf(error));
});
