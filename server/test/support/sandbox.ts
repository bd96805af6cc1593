import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { createDockerClient } from '../../src/platform/docker';
import { ensureSandboxImage } from '../../src/sandbox/image/sandbox-image';
import { settleRemovals } from '../../src/sandbox/sandbox.janitor';

let pending: Promise<{ docker: Dockerode; image: string }> | undefined;

/**
 * The real Docker engine and the sandbox image, for tests. The jest
 * globalSetup builds the image first (ASSAY_TEST_SANDBOX_IMAGE); when a test
 * runs without it, the image is ensured here, once per test file.
 */
export function getTestSandbox(): Promise<{ docker: Dockerode; image: string }> {
  pending ??= (async () => {
    const docker = createDockerClient(process.env.DOCKER_SOCKET || undefined);
    const image = process.env.ASSAY_TEST_SANDBOX_IMAGE || (await ensureSandboxImage(docker));
    return { docker, image };
  })();
  return pending;
}

const codeDirs: string[] = [];
// Imported by test files only: registers a top-level hook of the importing file.
afterAll(() => codeDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * A temporary code directory with the given files (e.g. { 'main.js': '…' }),
 * readable by the sandbox user; removed after the test file's tests.
 */
export function makeCodeDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-code-'));
  codeDirs.push(dir);
  fs.chmodSync(dir, 0o755);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o644 });
  }
  return dir;
}

/** Containers of a run (by its `assay.run` label or any label=value), created or running, once this process's background removals have ended. */
export async function containersLabelled(docker: Dockerode, label: string): Promise<Dockerode.ContainerInfo[]> {
  await settleRemovals();
  return docker.listContainers({ all: true, filters: { label: [label] } });
}
