import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../server/src/platform/paths';
import { redisUrlFor, scratchDatabaseUrl } from '../../../server/test/support/pipeline';
import { buildOnce, freePort } from '../../../server/test/support/server-process';

/**
 * The one running platform (API + worker, quick judge scale) every browser
 * test file of a Jest run shares. The first file to ask starts it (under a
 * lock in the run's directory, so parallel workers never start two);
 * the others wait for its `platform.json`. globalTeardown stops it.
 * Redis database 17 and the Postgres database `<test db>_browser` are its own.
 */
export interface SharedPlatform {
  baseUrl: string;
  admin: { email: string; password: string };
  /** The platform's own database, for states the API cannot make (a link past its date). */
  databaseUrl: string;
}

/** Env var naming this Jest run's directory (set by globalSetup). */
export const RUN_DIR_ENV = 'ASSAY_TEST_RUN_DIR';

const REDIS_DB = 17;
const START_TIMEOUT_MS = 240_000;

function runDir(): string {
  const dir = process.env[RUN_DIR_ENV];
  if (!dir) throw new Error(`${RUN_DIR_ENV} is not set: run browser tests through Jest (its globalSetup makes the run directory)`);
  return dir;
}

const infoFile = (dir: string) => path.join(dir, 'platform.json');
const pidFile = (dir: string) => path.join(dir, 'platform.pid');
const logFile = (dir: string) => path.join(dir, 'platform.log');

let cached: Promise<SharedPlatform> | undefined;

/** The shared platform, started on first use in this Jest run. */
export function sharedPlatform(): Promise<SharedPlatform> {
  cached ??= acquire();
  return cached;
}

async function acquire(): Promise<SharedPlatform> {
  const dir = runDir();
  let owner = false;
  try {
    fs.mkdirSync(path.join(dir, 'platform.lock'));
    owner = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (owner) {
    try {
      await start(dir);
    } catch (err) {
      fs.writeFileSync(path.join(dir, 'platform.failed'), (err as Error).message);
      throw err;
    }
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (fs.existsSync(infoFile(dir))) return JSON.parse(fs.readFileSync(infoFile(dir), 'utf8')) as SharedPlatform;
    if (fs.existsSync(path.join(dir, 'platform.failed'))) throw new Error(`the shared platform failed to start: ${fs.readFileSync(path.join(dir, 'platform.failed'), 'utf8')}`);
    if (Date.now() > deadline) throw new Error('timed out waiting for the shared platform');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function start(dir: string): Promise<void> {
  buildOnce();
  const port = await freePort();
  const databaseUrl = await scratchDatabaseUrl('browser');
  const admin = { email: 'admin@assay.test', password: crypto.randomBytes(12).toString('hex') };
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrlFor(REDIS_DB),
    ASSAY_ROLE: 'all',
    JUDGE_SCALE: 'quick',
    WORKER_CONCURRENCY: '1',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // Every test's browser and API calls come from 127.0.0.1: one IP.
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    // The deadline tests wait for the server's own hand-in (deadline + grace, or the sweeper's next pass
    // when a test moved the deadline in the database): seconds here, not the production 30 s and 60 s.
    DEADLINE_GRACE_SEC: '10',
    SWEEPER_INTERVAL_SEC: '5',
    PORT: String(port),
    ...(process.env.DOCKER_SOCKET ? { DOCKER_SOCKET: process.env.DOCKER_SOCKET } : {}),
  };
  // Detached with its output in a file: it outlives the Jest worker that started it, until globalTeardown.
  const out = fs.openSync(logFile(dir), 'a');
  const child = spawn(process.execPath, [path.join(repoRoot(), 'server/dist/main.cjs')], { cwd: repoRoot(), env, stdio: ['ignore', out, out], detached: true });
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(pidFile(dir), String(child.pid));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`platform exited (${child.exitCode}):\n${fs.readFileSync(logFile(dir), 'utf8')}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`platform never became healthy:\n${fs.readFileSync(logFile(dir), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  fs.writeFileSync(infoFile(dir), JSON.stringify({ baseUrl, admin, databaseUrl } satisfies SharedPlatform));
}

/** The platform's output so far (for a failing test's message). */
export function platformLog(): string {
  try {
    return fs.readFileSync(logFile(runDir()), 'utf8');
  } catch {
    return '';
  }
}

/** globalSetup: a fresh run directory, inherited by every test worker. */
export function prepareRunDir(): void {
  if (!process.env[RUN_DIR_ENV]) process.env[RUN_DIR_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-run-'));
}

/** globalTeardown: stops the shared platform if a test started it, and removes the run directory. */
export async function stopSharedPlatform(): Promise<void> {
  const dir = process.env[RUN_DIR_ENV];
  if (!dir || !fs.existsSync(dir)) return;
  if (fs.existsSync(pidFile(dir))) {
    const pid = Number(fs.readFileSync(pidFile(dir), 'utf8'));
    try {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        process.kill(pid, 0); // throws once it is gone
        await new Promise((r) => setTimeout(r, 100));
      }
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
