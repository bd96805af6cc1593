import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A generated artifact (input file, expected answers) in a content-addressed
 * cache: the folder is named by a hash of everything that determines its
 * content, built once in a scratch folder and renamed into place, so
 * concurrent judgements never see half-written files and reuse each other's.
 *
 * @returns the artifact's folder (complete).
 */
export async function cachedArtifact(cacheDir: string, key: unknown, build: (dir: string) => Promise<void>): Promise<string> {
  const hash = crypto.createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 24);
  const dir = path.join(cacheDir, hash);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.mkdirSync(cacheDir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(cacheDir, `.build-${hash}-`));
  try {
    await build(scratch);
    fs.writeFileSync(path.join(scratch, '.complete'), JSON.stringify(key));
    try {
      fs.renameSync(scratch, dir);
    } catch (err) {
      // Another judgement finished the same artifact first (or a stale incomplete one is in the way).
      if (fs.existsSync(path.join(dir, '.complete'))) return dir;
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(scratch, dir);
      void err;
    }
    return dir;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
