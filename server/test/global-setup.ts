import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDockerClient } from '../src/platform/docker';
import { ensureSandboxImage } from '../src/sandbox/image/sandbox-image';
import { startTestServices } from './support/services';
import { freePort } from './support/server-process';
import { prepareRunDir } from '../../client/test/support/platform';

/**
 * Before any test: real Postgres and Redis, and the sandbox image. Given
 * DATABASE_URL/REDIS_URL are used as they are; otherwise each run gets its own
 * embedded Postgres and redis-server on free ports with a throw-away data dir,
 * so runs start empty and concurrent runs never share state. Test workers
 * inherit the env set here.
 */
export default async function globalSetup(): Promise<void> {
  prepareRunDir(); // browser tests start their one shared platform lazily, see client/test/support/platform.ts
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-test-'));
    const services = await startTestServices({
      ASSAY_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      LOCAL_REDIS_PORT: String(await freePort()),
      DATABASE_URL: '',
      REDIS_URL: '',
    });
    (globalThis as { __assayServices?: unknown }).__assayServices = { ...services, dataDir };
    process.env.DATABASE_URL = services.databaseUrl;
    process.env.REDIS_URL = services.redisUrl;
  }
  const image = await ensureSandboxImage(createDockerClient(process.env.DOCKER_SOCKET || undefined));
  process.env.ASSAY_TEST_SANDBOX_IMAGE = image;
}
