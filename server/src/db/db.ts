import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database';

export type Db = Kysely<Database>;

/** Options of the connection pool. */
export interface DbOptions {
  /** Most connections this process opens. @defaultValue 10 */
  maxConnections?: number;
}

export function createDb(url: string, opts: DbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (e.g. Postgres restarting) must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
