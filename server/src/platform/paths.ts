import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The repository root, found by walking up to the package.json named "assay".
 * Works the same from TypeScript sources (tests) and from the bundled server.
 */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'assay') {
      return (cached = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the Assay repository root above ${__dirname}`);
    dir = parent;
  }
}
