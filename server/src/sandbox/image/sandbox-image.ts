import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { repoRoot } from '../../platform/paths';
import {
  DOCKERFILE_BASE_IMAGE,
  IMAGE_BUILDER_VERSION,
  SANDBOX_GID,
  SANDBOX_IMAGE_REPO,
  SANDBOX_NODE_VERSION,
  SANDBOX_UID,
} from './image.constants';
import { defaultCacheDir, obtainNodeBinary, sharedLibraries } from './node-binary';
import { buildRootfs } from './rootfs';

export interface EnsureSandboxImageOptions {
  /** Progress messages (the build takes seconds, the check milliseconds). @defaultValue no logging */
  log?: (msg: string) => void;
  /** Where downloaded Node binaries are cached. @defaultValue `$XDG_CACHE_HOME/assay` or `~/.cache/assay` */
  cacheDir?: string;
}

/** The files the image is made of, read from sandboxes/node. */
function imageInputs(): { dir: string; dockerfile: string; probe: string } {
  const dir = path.join(repoRoot(), 'sandboxes', 'node');
  return {
    dir,
    dockerfile: fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
    probe: fs.readFileSync(path.join(dir, 'probe.js'), 'utf8'),
  };
}

/** `assay-sandbox-node:<hash>`: the hash of everything that goes into the image, so a change means a new tag. */
export function sandboxImageTag(): string {
  const { dockerfile, probe } = imageInputs();
  const hash = createHash('sha256')
    .update(JSON.stringify({ dockerfile, probe, builder: IMAGE_BUILDER_VERSION, node: SANDBOX_NODE_VERSION }))
    .digest('hex')
    .slice(0, 16);
  return `${SANDBOX_IMAGE_REPO}:${hash}`;
}

async function imageExists(docker: Dockerode, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure the sandbox image exists and returns its tag. When the tag is
 * there already this is one inspect call and changes nothing. Otherwise:
 * `docker build` of sandboxes/node/Dockerfile when its base image is at hand,
 * else (no registry, the usual case offline) an image assembled from a Node
 * binary out of the npm registry and imported with `docker import`.
 */
export async function ensureSandboxImage(docker: Dockerode, opts: EnsureSandboxImageOptions = {}): Promise<string> {
  const log = opts.log ?? (() => {});
  const tag = sandboxImageTag();
  if (await imageExists(docker, tag)) return tag;

  const started = Date.now();
  // Pulling would hang or fail without a registry; a base image already present is the cheap, honest signal.
  if (await imageExists(docker, DOCKERFILE_BASE_IMAGE)) {
    try {
      log(`building ${tag} from sandboxes/node/Dockerfile`);
      await dockerBuild(docker, tag);
      log(`built ${tag} in ${Date.now() - started} ms`);
      return tag;
    } catch (err) {
      log(`docker build failed (${(err as Error).message}); building offline instead`);
    }
  }
  log(`building ${tag} offline (Node ${SANDBOX_NODE_VERSION} from the npm registry + docker import)`);
  await offlineBuild(docker, tag, opts.cacheDir ?? defaultCacheDir(), log);
  log(`built ${tag} in ${Date.now() - started} ms`);
  return tag;
}

async function dockerBuild(docker: Dockerode, tag: string): Promise<void> {
  const { dir } = imageInputs();
  const stream = await docker.buildImage({ context: dir, src: ['Dockerfile', 'probe.js'] }, { t: tag });
  await followProgress(docker, stream);
}

async function offlineBuild(docker: Dockerode, tag: string, cacheDir: string, log: (msg: string) => void): Promise<void> {
  const node = await obtainNodeBinary(SANDBOX_NODE_VERSION, cacheDir, log);
  const rootfs = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'assay-rootfs-'));
  try {
    await buildRootfs(rootfs, node, await sharedLibraries(node), imageInputs().probe);
    const tar = spawn('tar', ['-C', rootfs, '--numeric-owner', '--owner=0', '--group=0', '-c', '.'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tarError = '';
    tar.stderr.on('data', (d: Buffer) => (tarError += d.toString()));
    const tarExit = new Promise<number | null>((resolve) => tar.on('close', resolve));
    const [repo, version] = tag.split(':') as [string, string];
    const stream = await docker.importImage(tar.stdout, {
      repo,
      tag: version,
      changes: [
        `USER ${SANDBOX_UID}:${SANDBOX_GID}`,
        'WORKDIR /app',
        'ENV PATH=/usr/local/bin:/usr/bin:/bin',
        'ENV HOME=/tmp',
        'CMD ["node"]',
      ],
    } as Record<string, unknown>);
    await followProgress(docker, stream);
    const code = await tarExit;
    if (code !== 0) throw new Error(`tar of the rootfs failed (exit ${code}): ${tarError.trim()}`);
    if (!(await imageExists(docker, tag))) throw new Error(`docker import finished but ${tag} is missing`);
  } finally {
    await fs.promises.rm(rootfs, { recursive: true, force: true });
  }
}

/** Waits for a build/import progress stream; an `error` entry in it is a failure. */
function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
      if (err) return reject(err);
      const failed = output.find((o) => o.error || o.errorDetail);
      if (failed) return reject(new Error(failed.errorDetail?.message ?? failed.error));
      resolve();
    });
  });
}
