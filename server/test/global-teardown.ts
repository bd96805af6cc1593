import fs from 'node:fs';
import type { TestServices } from './support/services';
import { stopSharedPlatform } from '../../client/test/support/platform';

export default async function globalTeardown(): Promise<void> {
  await stopSharedPlatform(); // before Postgres and Redis go away
  const services = (globalThis as { __assayServices?: TestServices & { dataDir: string } }).__assayServices;
  if (!services) return;
  const exited = new Promise((r) => services.child.once('exit', r));
  services.child.kill('SIGTERM');
  await exited;
  fs.rmSync(services.dataDir, { recursive: true, force: true });
}
