import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Largest file the catalogue copies into the database for candidates (starter and visible tests). */
const MAX_FILE_BYTES = 256 * 1024;

/** Files under `dir` (recursively), relative paths sorted; dot-folders and node_modules skipped. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

/** SHA-256 over every file's path and bytes: the challenge's version identity. */
export function contentHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listFiles(dir)) hash.update(file).update('\0').update(fs.readFileSync(path.join(dir, file))).update('\0');
  return hash.digest('hex');
}

/**
 * The files of a folder as { path: text }. A file over 256 KiB is an error,
 * or skipped with `skipLarge` (big fixtures stay on the server, where tests run).
 */
export function readTextFiles(dir: string, opts: { skipLarge?: boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of listFiles(dir)) {
    const full = path.join(dir, file);
    if (fs.statSync(full).size > MAX_FILE_BYTES) {
      if (opts.skipLarge) continue;
      throw new Error(`${full} is larger than ${MAX_FILE_BYTES} bytes`);
    }
    files[file] = fs.readFileSync(full, 'utf8');
  }
  return files;
}
