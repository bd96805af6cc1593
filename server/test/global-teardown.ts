import fs from 'node:fs';
import type { TestServices } from './support/services';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __assayServices?: TestServices & { dataDir: string } }).__assayServices;
  if (!services) return;
  const exited = new Promise((r) => services.child.once('exit', r));
  services.child.kill('SIGTERM');
  await exited;
  fs.rmSync(services.dataDir, { recursive: true, force: true });
}
