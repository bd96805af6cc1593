/**
 * Runs the embedded Postgres and the local redis-server without the app, for
 * the test suite (and anyone who wants them by hand). Prints one JSON line
 * `{"databaseUrl","redisUrl"}` when ready; stops them on SIGTERM/SIGINT or
 * when its stdin closes (its parent died).
 */
import { loadConfig } from './config';
import { createLogger } from '../platform/logger';
import { startEmbeddedPostgres } from '../platform/infra/embedded-postgres';
import { startLocalRedis, type LocalService } from '../platform/infra/local-redis';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'services');
  const services: LocalService[] = [];
  const stop = async () => {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop).resume();
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
  services.push(pg);
  const redis = await startLocalRedis({ dataDir: config.dataDir, port: config.localRedisPort, log });
  services.push(redis);
  process.stdout.write(`${JSON.stringify({ databaseUrl: pg.url, redisUrl: redis.url })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`services failed: ${err.message}\n`);
  process.exit(1);
});
