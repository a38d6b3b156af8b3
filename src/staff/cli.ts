/* eslint-disable no-console -- a command-line tool talks to its user on the console */
import { parseArgs } from 'node:util';
import { generate } from 'otplib';
import { AuditRepository } from '../audit/repository.js';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';
import { isLanguage } from '../i18n/index.js';
import { Sealer } from '../security/sealing.js';
import { seedReference } from '../../seeds/reference.js';
import { StaffDirectory, StaffError } from './directory.js';
import { StaffRepository } from './repository.js';
import { STAFF_ROLES, isStaffRole } from './types.js';

const USAGE = `Usage:
  npm run staff:add -- --email name@example.org --role admin|moderator|social_worker|parish_clerk
                       [--name "Full Name"] [--language lv|en|ru] [--contact kaunatas-social ...]
  npm run staff:code -- --email name@example.org     (developer machine only: the current TOTP code)`;

const MESSAGES: Record<StaffError['code'], string> = {
  email: '--email must be one email address',
  name: '--name must not be empty',
  exists: 'a staff member with this email already exists',
  contact: 'every --contact must be the code of an existing contact (see the contacts table)',
};

async function main() {
  const [command = '', ...args] = process.argv.slice(2);
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      language: { type: 'string', default: 'lv' },
      contact: { type: 'string', multiple: true, default: [] },
    },
  });
  if ((command !== 'add' && command !== 'code') || !values.email) throw new Error(USAGE);
  const config = loadConfig();
  const db = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateLatest(db.knex);
    await seedReference(db.knex);
    const staff = new StaffRepository(db.knex);
    if (command === 'code') {
      // Only where the development secret seals the demo staff's secrets, never on a real server.
      if (!config.development)
        throw new Error('staff:code works only on a developer machine (PUBLIC_URL on localhost)');
      const member = await staff.byEmail(values.email);
      const sealed = member ? (await staff.secrets(member.id))?.totpSecret : undefined;
      const secret = sealed ? new Sealer(config.secret, 'totp').open(sealed) : undefined;
      if (!secret) throw new Error(`${values.email} has no enrolled authenticator`);
      console.log(await generate({ secret }));
      return;
    }
    if (!isStaffRole(values.role))
      throw new Error(`--role must be one of ${STAFF_ROLES.join(', ')}\n${USAGE}`);
    if (!isLanguage(values.language)) throw new Error('--language must be lv, en or ru');
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
      `Added ${member.name} <${member.email}> as ${member.role}. They sign in at ${config.publicUrl}/staff/sign-in`,
    );
  } catch (error) {
    if (error instanceof StaffError) throw new Error(MESSAGES[error.code], { cause: error });
    throw error;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
