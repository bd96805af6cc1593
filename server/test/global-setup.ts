import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createDockerClient } from '../src/platform/docker';
import { repoRoot } from '../src/platform/paths';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { startTestServices } from './support/services';

/**
 * Before any test: real Postgres and Redis (the given DATABASE_URL/REDIS_URL,
 * or embedded ones on test ports with their own data dir), a fresh database
 * for this run, and the sandbox image. Test workers inherit the env set here.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    const services = await startTestServices({
      ASSAY_DATA_DIR: path.join(repoRoot(), '.data', 'test'),
      EMBEDDED_PG_PORT: '54339',
      LOCAL_REDIS_PORT: '6391',
      DATABASE_URL: '',
      REDIS_URL: '',
    });
    (globalThis as { __assayServices?: unknown }).__assayServices = services;
    // A database of its own per run, so every run starts from an empty schema.
    const admin = new pg.Client({ connectionString: services.databaseUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS assay_test WITH (FORCE)');
    await admin.query('CREATE DATABASE assay_test');
    await admin.end();
    const url = new URL(services.databaseUrl);
    url.pathname = '/assay_test';
    process.env.DATABASE_URL = url.toString();
    const redis = new Redis(services.redisUrl);
    await redis.flushall();
    redis.disconnect();
    process.env.REDIS_URL = services.redisUrl;
    process.env.ASSAY_TEST_OWNS_SERVICES = '1';
  }
  const image = await ensureSandboxImage(createDockerClient(process.env.DOCKER_SOCKET || undefined));
  process.env.ASSAY_TEST_SANDBOX_IMAGE = image;
}
