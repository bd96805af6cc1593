import type Dockerode from 'dockerode';
import type { Redis } from 'ioredis';
import { createDb, type Db } from '../db/db';
import { migrateToLatest } from '../db/migrate';
import { createDockerClient } from '../platform/docker';
import { embeddedPostgresUrl, startEmbeddedPostgres } from '../platform/infra/embedded-postgres';
import { startLocalRedis, type LocalService } from '../platform/infra/local-redis';
import type { Logger } from '../platform/logger';
import { createRedis } from '../platform/redis';
import type { Config } from './config';

/** The connections every role shares, and how to let go of them. */
export interface Platform {
  config: Config;
  log: Logger;
  db: Db;
  databaseUrl: string;
  redisUrl: string;
  /** A non-blocking connection for commands (health, rate limits, pub/sub publishers). */
  redis: Redis;
  docker: Dockerode;
  stop(): Promise<void>;
}

/**
 * Connects to Postgres and Redis: the configured ones, or, on a single machine
 * with none configured, embedded ones this process starts. A worker-only
 * process never starts them; it joins those of the `npm start` process.
 */
export async function startPlatform(config: Config, log: Logger): Promise<Platform> {
  const owned: LocalService[] = [];
  const ownsServices = config.role !== 'worker';
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      if (ownsServices) owned.push(await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log }));
      databaseUrl = embeddedPostgresUrl(config.dataDir, config.embeddedPgPort);
    }
    let redisUrl = config.redisUrl;
    if (!redisUrl) {
      if (ownsServices) owned.push(await startLocalRedis({ dataDir: config.dataDir, port: config.localRedisPort, log }));
      redisUrl = `redis://127.0.0.1:${config.localRedisPort}`;
    }
    const db = createDb(databaseUrl);
    const applied = await migrateToLatest(db);
    if (applied.length) log.info({ applied }, 'database migrated');
    const redis = createRedis(redisUrl);
    const docker = createDockerClient(config.dockerSocket);
    return {
      config, log, db, databaseUrl, redisUrl, redis, docker,
      async stop() {
        redis.disconnect();
        await db.destroy();
        for (const service of owned.reverse()) await service.stop();
      },
    };
  } catch (err) {
    for (const service of owned.reverse()) await service.stop().catch(() => undefined);
    throw err;
  }
}
