import type { Knex } from 'knex';
import { prepared } from './prepared.js';

/** The values of one statement, by name: each becomes a bound parameter, never part of the text. */
export type StatementValues = Readonly<Record<string, string | number>>;

interface Written {
  sql: string;
  /** For each bound parameter in order: the name of the value it takes, or a constant of the text. */
  parameters: ({ name: string } | { constant: unknown })[];
}

/**
 * Statements written by knex once per shape and then run with new values: building a query with
 * knex costs more than running it (the public list's one statement took 0.34 ms of CPU to build
 * and 0.41 ms to send and read), and a page of the list is one of a few dozen shapes.
 *
 * `write` builds the statement from values; the first time a shape is asked for, it is called
 * with stand-ins (`standIn`), and where each stand-in lands among the bound parameters is noted.
 * A shape is which values are given (by name) and the caller's `shape`, which must say whatever
 * else fixes the statement's text (the list's cap). A value that knex does not bind as given (a
 * LIKE pattern made from a search) cannot be a named value: writing such a statement fails,
 * loudly, the first time.
 *
 * Statements run prepared (see PREPARED). At most `limit` shapes are kept; beyond that a statement
 * is written per request, as without this memo.
 */
export class StatementMemo {
  private readonly written = new Map<string, Written>();

  constructor(
    private readonly knex: Knex,
    private readonly limit = 500,
  ) {}

  async rows<Row>(
    shape: string,
    values: StatementValues,
    write: (values: StatementValues) => Knex.QueryBuilder,
  ): Promise<Row[]> {
    const key = `${shape}|${Object.keys(values).join(',')}`;
    let statement = this.written.get(key);
    if (!statement) {
      statement = writeWithStandIns(write, values);
      if (this.written.size < this.limit) this.written.set(key, statement);
    }
    const bindings = statement.parameters.map((parameter) =>
      'name' in parameter ? values[parameter.name] : parameter.constant,
    );
    const result = (await prepared(this.knex.raw(statement.sql, bindings as Knex.RawBinding[]))) as
      { rows: Row[] } | Row[];
    return Array.isArray(result) ? result : result.rows;
  }
}

/**
 * A stand-in for a value, told apart from anything else a statement binds: text starts with a NUL
 * (no code, word or number of ours does), a number is far above any id, offset or count we use.
 */
function standIn(name: string, index: number, value: string | number): string | number {
  return typeof value === 'number' ? 2_000_000_000 + index : `\u0000${name}\u0000`;
}

function writeWithStandIns(
  write: (values: StatementValues) => Knex.QueryBuilder,
  values: StatementValues,
): Written {
  const names = Object.keys(values);
  const standIns = Object.fromEntries(
    names.map((name, index) => [name, standIn(name, index, values[name]!)]),
  );
  const { sql, bindings } = write(standIns).toSQL();
  const parameters = bindings.map((binding) => {
    const name = names.find((candidate) => standIns[candidate] === binding);
    if (name !== undefined) return { name };
    if (typeof binding === 'string' && binding.includes('\u0000')) {
      throw new Error(`a statement binds a value it changed (${JSON.stringify(binding)}): not a named value`);
    }
    return { constant: binding };
  });
  return { sql, parameters };
}
