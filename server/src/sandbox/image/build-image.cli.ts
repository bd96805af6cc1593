/**
 * Builds (or finds) the sandbox image and prints its tag on stdout:
 *   node --import tsx server/src/sandbox/image/build-image.cli.ts
 * Progress goes to stderr so `TAG=$(…)` captures only the tag.
 */
import { createDockerClient } from '../../platform/docker';
import { ensureSandboxImage } from './sandbox-image';

ensureSandboxImage(createDockerClient(process.env.DOCKER_SOCKET || undefined), {
  log: (msg) => process.stderr.write(`[sandbox-image] ${msg}\n`),
}).then(
  (tag) => process.stdout.write(`${tag}\n`),
  (err: Error) => {
    process.stderr.write(`[sandbox-image] failed: ${err.message}\n`);
    process.exitCode = 1;
  },
);
