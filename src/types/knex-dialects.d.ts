// knex's PostgreSQL client class, which src/db/prepared.ts extends (knex types only its factory).
declare module 'knex/lib/dialects/postgres/index.js' {
  const ClientPg: unknown;
  export default ClientPg;
}
