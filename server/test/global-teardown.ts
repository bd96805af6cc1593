import type { TestServices } from './support/services';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __assayServices?: TestServices }).__assayServices;
  if (!services) return;
  const exited = new Promise((r) => services.child.once('exit', r));
  services.child.kill('SIGTERM');
  await exited;
}
