import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../platform/paths';

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
  /** Logging level. @defaultValue info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
}>;

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
    throw new ConfigError(variable, issue.message, present[variable]);
  }
  const e = parsed.data;
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
  });
}
