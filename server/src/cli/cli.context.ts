import type Dockerode from 'dockerode';
import { loadConfig } from '../app/config';
import { createDockerClient } from '../platform/docker';
import { challengeCacheDir } from '../challenges/challenge.judge';
import { ensureSandboxImage } from '../sandbox/image/sandbox-image';
import type { SandboxLimits } from '../sandbox/sandbox.types';

export interface CliContext {
  docker: Dockerode;
  image: string;
  cacheDir: string;
  /** The operator's configured sandbox limits (SANDBOX_* variables). */
  operatorLimits: Partial<SandboxLimits>;
}

/** What every judging command needs: the Docker engine, the sandbox image (built once) and the input cache. */
export async function cliContext(log: (message: string) => void): Promise<CliContext> {
  const config = loadConfig();
  const docker = createDockerClient(config.dockerSocket);
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`cannot reach the Docker engine at ${config.dockerSocket} (${(err as Error).message}); is dockerd running?`);
  }
  const image = await ensureSandboxImage(docker, { log });
  return { docker, image, cacheDir: challengeCacheDir(config.dataDir), operatorLimits: config.sandboxLimits };
}
