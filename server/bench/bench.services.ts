import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../src/platform/paths';
import { startTestServices, type TestServices } from '../test/support/services';

/** Where a benchmark's own embedded services live and which ports they take (each bench has its own, so two can run at once). */
export interface BenchServicesOptions {
  /** Folder under `.data/` for the embedded Postgres and redis-server. */
  name: string;
  pgPort: number;
  redisPort: number;
  /** Redis database index for the benchmark's queue. */
  redisDb: number;
}

/**
 * Real Postgres and Redis for a benchmark: the given DATABASE_URL/REDIS_URL as
 * they are, else embedded ones under `.data/<name>` with a freshly created
 * database `assay_<name>` (so every run starts empty). Sets both variables;
 * returns the services it started (stop them when done), or undefined.
 */
export async function benchServices(opts: BenchServicesOptions): Promise<TestServices | undefined> {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return undefined;
  const s = await startTestServices({
    ASSAY_DATA_DIR: path.join(repoRoot(), '.data', opts.name),
    EMBEDDED_PG_PORT: String(opts.pgPort),
    LOCAL_REDIS_PORT: String(opts.redisPort),
    DATABASE_URL: '',
    REDIS_URL: '',
  });
  const database = `assay_${opts.name.replace(/-/g, '_')}`;
  const admin = new pg.Client({ connectionString: s.databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(s.databaseUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = `${s.redisUrl}/${opts.redisDb}`;
  return s;
}

/** Stops what `benchServices` started. */
export async function stopBenchServices(owned: TestServices | undefined): Promise<void> {
  if (!owned) return;
  owned.child.kill('SIGTERM');
  await new Promise((r) => owned.child.once('exit', r));
}
