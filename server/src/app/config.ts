import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../platform/paths';
import type { SandboxLimits } from '../sandbox/sandbox.types';

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

/**
 * Every environment variable Assay reads, with its default. The README's
 * configuration table mirrors this schema: change both together.
 */
const EnvSchema = z.object({
  /** HTTP port of the API and the built client. @defaultValue 3000 */
  PORT: int(1, 65535).default(3000),
  /** Interface the API binds to. @defaultValue 0.0.0.0 */
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  /** What this process runs: API + worker, only the API, or only a worker. @defaultValue all */
  ASSAY_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  /** Postgres to use. Unset: an embedded Postgres runs with its data under ASSAY_DATA_DIR. */
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  /** Redis for the queue. Unset: a local redis-server runs with its data under ASSAY_DATA_DIR. */
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  /** Where embedded services keep their data. @defaultValue <repo>/.data */
  ASSAY_DATA_DIR: z.string().trim().min(1).optional(),
  /** Port of the embedded Postgres (only when DATABASE_URL is unset). @defaultValue 54329 */
  EMBEDDED_PG_PORT: int(1, 65535).default(54329),
  /** Port of the local redis-server (only when REDIS_URL is unset). @defaultValue 6390 */
  LOCAL_REDIS_PORT: int(1, 65535).default(6390),
  /** Docker Engine socket. @defaultValue /var/run/docker.sock */
  DOCKER_SOCKET: z.string().trim().min(1).default('/var/run/docker.sock'),
  /** Sandbox runs one worker process executes at once. @defaultValue number of CPU cores */
  WORKER_CONCURRENCY: int(1, 64).optional(),
  /** Operator's ceiling on a sandbox's memory, MiB. Unset: what each challenge asks for (see limitCeiling). */
  SANDBOX_MEMORY_MIB: int(32, 1_048_576).optional(),
  /** Ceiling on a sandbox run's wall-clock time, seconds. Unset: per challenge. */
  SANDBOX_WALL_TIME_SEC: int(1, 86_400).optional(),
  /** Ceiling on processes + threads in a sandbox. Unset: per challenge. */
  SANDBOX_PIDS: int(8, 65_536).optional(),
  /** Ceiling on the sandbox's writable /tmp, MiB. Unset: per challenge. */
  SANDBOX_TMPFS_MIB: int(1, 1_048_576).optional(),
  /** Ceiling on each of stdout and stderr, KiB; past it the run ends as OUTPUT_LIMIT. Unset: per challenge. */
  SANDBOX_OUTPUT_KIB: int(1, 1_048_576).optional(),
  /** Ceiling on open files in a sandbox. Unset: per challenge. */
  SANDBOX_NOFILE: int(64, 1_048_576).optional(),
  /** Logging level. @defaultValue info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** With ADMIN_PASSWORD: an admin account created at start when no account has this email. */
  ADMIN_EMAIL: z.email('must be an email address').optional(),
  /** Password of ADMIN_EMAIL's account (at least 12 characters); only used to create it. */
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** How long a staff login lasts. @defaultValue 12 */
  SESSION_TTL_HOURS: int(1, 24 * 30).default(12),
  /** Mark session cookies `Secure` (set it when Assay is served over HTTPS). @defaultValue false */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** Reverse proxies in front of the API whose X-Forwarded-For is trusted (for per-IP limits). @defaultValue 0 */
  TRUST_PROXY_HOPS: int(0, 10).default(0),
  /** Largest solution a candidate may submit, in KiB (paths + contents). @defaultValue 512 */
  MAX_SOLUTION_KIB: int(1, 16384).default(512),
  /** API requests per minute from one IP address. @defaultValue 600 */
  RATE_LIMIT_IP_PER_MINUTE: int(1, 1_000_000).default(600),
  /** Submissions (test runs and finals) per minute from one candidate. @defaultValue 10 */
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: int(1, 100_000).default(10),
  /** Scale submissions are judged at: `full` is the real score, `quick` for demos and tests. @defaultValue full */
  JUDGE_SCALE: z.enum(['quick', 'full']).default('full'),
  /** Runs of a submission before a platform fault (INTERNAL_ERROR) fails it for good. @defaultValue 3 */
  JOB_ATTEMPTS: int(1, 20).default(3),
  /** First retry delay after a platform fault, doubled each time. @defaultValue 5000 */
  JOB_BACKOFF_MS: int(0, 3_600_000).default(5000),
  /** A job whose worker stops renewing its lock for this long is given to another worker. @defaultValue 30000 */
  WORKER_LOCK_MS: int(1000, 600_000).default(30_000),
  /**
   * A worker whose event loop has not run for this long is stalled (a judge
   * stuck in synchronous code): it is killed so its supervisor restarts it,
   * and its jobs go to other workers. Must be below WORKER_LOCK_MS (checked
   * at boot), so a stalled worker is gone before its job is handed on. @defaultValue 20
   */
  WORKER_STALL_SEC: int(1, 3600).default(20),
  /** How often the sweeper looks for stuck submissions. @defaultValue 60 */
  SWEEPER_INTERVAL_SEC: int(1, 86_400).default(60),
  /** A submission queued or running without progress for this long is re-enqueued by the sweeper. @defaultValue 300 */
  STUCK_AFTER_SEC: int(1, 86_400).default(300),
  /**
   * Seconds after a candidate's deadline during which their saves and
   * submissions are still accepted (a submit clicked at 59:59 must not lose
   * to the network); when it ends, the server submits their last drafts.
   * @defaultValue 30
   */
  DEADLINE_GRACE_SEC: int(0, 3600).default(30),
});

export type Config = Readonly<{
  port: number;
  host: string;
  role: 'all' | 'api' | 'worker';
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  localRedisPort: number;
  dockerSocket: string;
  workerConcurrency: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** The operator's ceiling on sandbox limits: only the ones set (see `limitCeiling`). */
  sandboxLimits: Readonly<Partial<SandboxLimits>>;
  /** First admin to create at start, when both are set. */
  admin: { email: string; password: string } | undefined;
  sessionTtlMs: number;
  cookieSecure: boolean;
  trustProxyHops: number;
  maxSolutionBytes: number;
  rateLimits: { ipPerMinute: number; submissionsPerMinute: number };
  judgeScale: 'quick' | 'full';
  jobs: { attempts: number; backoffMs: number; lockMs: number; stallMs: number };
  sweeper: { intervalMs: number; stuckAfterMs: number };
  /** Grace after a candidate's deadline for saves and submissions; then their drafts are submitted. */
  deadlineGraceMs: number;
}>;

const MiB = 1024 * 1024;

/** The SANDBOX_* variables that are set, in the runner's units. */
function operatorSandboxLimits(e: z.infer<typeof EnvSchema>): Readonly<Partial<SandboxLimits>> {
  const limits: Partial<SandboxLimits> = {};
  if (e.SANDBOX_MEMORY_MIB !== undefined) limits.memoryBytes = e.SANDBOX_MEMORY_MIB * MiB;
  if (e.SANDBOX_WALL_TIME_SEC !== undefined) limits.wallTimeMs = e.SANDBOX_WALL_TIME_SEC * 1000;
  if (e.SANDBOX_PIDS !== undefined) limits.pids = e.SANDBOX_PIDS;
  if (e.SANDBOX_TMPFS_MIB !== undefined) limits.tmpfsBytes = e.SANDBOX_TMPFS_MIB * MiB;
  if (e.SANDBOX_OUTPUT_KIB !== undefined) limits.outputBytes = e.SANDBOX_OUTPUT_KIB * 1024;
  if (e.SANDBOX_NOFILE !== undefined) limits.nofile = e.SANDBOX_NOFILE;
  return Object.freeze(limits);
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string, received: string | undefined) {
    super(`Invalid configuration: ${variable} ${reason}${received === undefined ? '' : ` (got ${JSON.stringify(received)})`}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once. Throws a ConfigError naming the first bad
 * variable; empty strings count as unset so `FOO= npm start` means default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    // Never echo a secret back into logs.
    throw new ConfigError(variable, issue.message, variable === 'ADMIN_PASSWORD' ? undefined : present[variable]);
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    const missing = e.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
    throw new ConfigError(missing, `must be set together with ${missing === 'ADMIN_EMAIL' ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'}`, undefined);
  }
  if (e.WORKER_STALL_SEC * 1000 >= e.WORKER_LOCK_MS) {
    // Otherwise a stalled worker's job is handed to another while the stalled one may still wake and judge it too.
    const which = present['WORKER_STALL_SEC'] === undefined ? ' (its default)' : '';
    throw new ConfigError('WORKER_STALL_SEC', `must be below WORKER_LOCK_MS (${e.WORKER_LOCK_MS} ms), so a stalled worker is gone before its job is handed on; it is ${e.WORKER_STALL_SEC} s${which}`, undefined);
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    role: e.ASSAY_ROLE,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.ASSAY_DATA_DIR ?? path.join(repoRoot(), '.data')),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    localRedisPort: e.LOCAL_REDIS_PORT,
    dockerSocket: e.DOCKER_SOCKET,
    workerConcurrency: e.WORKER_CONCURRENCY ?? os.availableParallelism(),
    logLevel: e.LOG_LEVEL,
    sandboxLimits: operatorSandboxLimits(e),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? Object.freeze({ email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD }) : undefined,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxyHops: e.TRUST_PROXY_HOPS,
    maxSolutionBytes: e.MAX_SOLUTION_KIB * 1024,
    rateLimits: Object.freeze({ ipPerMinute: e.RATE_LIMIT_IP_PER_MINUTE, submissionsPerMinute: e.RATE_LIMIT_SUBMISSIONS_PER_MINUTE }),
    judgeScale: e.JUDGE_SCALE,
    jobs: Object.freeze({ attempts: e.JOB_ATTEMPTS, backoffMs: e.JOB_BACKOFF_MS, lockMs: e.WORKER_LOCK_MS, stallMs: e.WORKER_STALL_SEC * 1000 }),
    sweeper: Object.freeze({ intervalMs: e.SWEEPER_INTERVAL_SEC * 1000, stuckAfterMs: e.STUCK_AFTER_SEC * 1000 }),
    deadlineGraceMs: e.DEADLINE_GRACE_SEC * 1000,
  });
}
