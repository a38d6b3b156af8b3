/**
 * The yardstick: the TechEmpower "fortunes" test as a minimal Express 5 + EJS app on the same
 * database engine and driver as Tilts. One query per request (the fortunes, up to 20 rows), one
 * row added in memory, sorted, rendered as an HTML table; no middleware. Started by bench/run.ts.
 */
import path from 'node:path';
import express from 'express';
import { createDatabase } from '../src/db/knex.js';

interface Fortune {
  id: number;
  message: string;
}

const database = createDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(import.meta.dirname, 'views'));
app.set('view cache', true);

app.get('/fortunes', async (_req, res) => {
  const fortunes = (await database.knex('bench_fortune').select('id', 'message').limit(20)) as Fortune[];
  fortunes.push({ id: 0, message: 'Additional fortune added at request time.' });
  fortunes.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  res.render('fortunes', { fortunes });
});
app.get('/healthz', (_req, res) => {
  res.send('ok');
});

const server = app.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => {
    void database.close().then(() => process.exit(0));
  });
  server.closeAllConnections();
});
