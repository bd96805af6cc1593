import fs from 'node:fs';
import path from 'node:path';

/** A solution that cannot be judged as given (no entry file, too big): the submitter's problem, said plainly. */
export class SolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolutionError';
  }
}

/** Caps on what a solution folder may hold. */
export interface StageLimits {
  /** @defaultValue 2 000 */
  maxFiles: number;
  /** @defaultValue 64 MiB */
  maxBytes: number;
}

const DEFAULT_STAGE_LIMITS: StageLimits = { maxFiles: 2_000, maxBytes: 64 * 1024 * 1024 };
const SKIPPED = new Set(['.git', '.DS_Store']);

/**
 * Copies a solution (one file, which becomes the entry, or a folder) into
 * `dest`, which the sandbox mounts read-only. Regular files only: symlinks are
 * dropped, so nothing outside the solution can be reached through them.
 * Folders are made world-readable: the sandbox user is not the worker's.
 */
export function stageSolution(source: string, entry: string, dest: string, limits: StageLimits = DEFAULT_STAGE_LIMITS): void {
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat) throw new SolutionError(`${source}: no such file or folder`);
  fs.mkdirSync(dest, { recursive: true, mode: 0o755 });
  fs.chmodSync(dest, 0o755);
  if (stat.isFile()) {
    copyFile(source, path.join(dest, entry));
    return;
  }
  if (!stat.isDirectory()) throw new SolutionError(`${source}: not a file or a folder`);
  const budget = { files: 0, bytes: 0 };
  copyTree(source, dest, budget, limits);
  if (!fs.statSync(path.join(dest, entry), { throwIfNoEntry: false })?.isFile()) {
    throw new SolutionError(`${source}: the solution has no ${entry} (the file run as \`node ${entry}\`)`);
  }
}

function copyTree(from: string, to: string, budget: { files: number; bytes: number }, limits: StageLimits): void {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (SKIPPED.has(e.name)) continue;
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      fs.mkdirSync(dst, { mode: 0o755 });
      copyTree(src, dst, budget, limits);
    } else if (e.isFile()) {
      budget.files++;
      budget.bytes += fs.statSync(src).size;
      if (budget.files > limits.maxFiles) throw new SolutionError(`the solution has more than ${limits.maxFiles} files`);
      if (budget.bytes > limits.maxBytes) throw new SolutionError(`the solution is larger than ${Math.round(limits.maxBytes / 1048576)} MiB`);
      copyFile(src, dst);
    }
  }
}

function copyFile(src: string, dst: string): void {
  fs.mkdirSync(path.dirname(dst), { recursive: true, mode: 0o755 });
  fs.copyFileSync(src, dst);
  fs.chmodSync(dst, 0o644);
}

/** Copies a trusted folder (visible tests) over a staged solution, replacing what the solution had there. */
export function overlayFolder(source: string, dest: string): void {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true, mode: 0o755 });
  copyTree(source, dest, { files: 0, bytes: 0 }, { maxFiles: Infinity, maxBytes: Infinity });
}
