import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { Logger } from '../platform/logger';
import { contentHash, readTextFiles } from './catalog.files';
import { findRubricVersion, insertRubricVersion, makeRubricCurrent, upsertCurrentChallenge } from './catalog.repository';

/** Serialises catalogue syncs of processes starting together (an arbitrary, fixed advisory lock key). */
const SYNC_LOCK = 0x61737361; // "assa"

export interface SyncedChallenge {
  slug: string;
  versionId: string;
  rubricVersionId: string;
}

/**
 * Records one loaded challenge: its content version (new when any file
 * changed) and its rubric version. A rubric.json edited without bumping its
 * `version` is refused (the stored version stays in force): a score must
 * always be traceable to the exact rubric that produced it.
 */
export async function syncChallenge(db: Db, challenge: LoadedChallenge, log?: Logger): Promise<SyncedChallenge> {
  const hash = contentHash(challenge.dir);
  const starter = readTextFiles(challenge.starterDir);
  const visibleTests = readTextFiles(challenge.testsDir, { skipLarge: true });
  const rubricJson = JSON.stringify(challenge.rubric);
  const rubricHash = createHash('sha256').update(rubricJson).digest('hex');
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SYNC_LOCK})`.execute(trx);
    const versionId = await upsertCurrentChallenge(trx, {
      slug: challenge.slug,
      content_hash: hash,
      title: challenge.manifest.title,
      manifest: JSON.stringify(challenge.manifest),
      prompt: challenge.prompt,
      starter_files: JSON.stringify(starter),
      visible_tests: JSON.stringify(visibleTests),
    });
    let rubric = await findRubricVersion(trx, challenge.slug, challenge.rubric.version);
    if (!rubric) {
      rubric = await insertRubricVersion(trx, { challenge_slug: challenge.slug, version: challenge.rubric.version, rubric: rubricJson, content_hash: rubricHash });
    } else if (rubric.content_hash !== rubricHash) {
      log?.error({ slug: challenge.slug, version: challenge.rubric.version }, 'rubric.json changed without a new version number: keeping the stored rubric; bump "version" to publish the change');
    }
    // A version a panel published after this file's stays in force (the file is version 1 of a history).
    const newer = await trx.selectFrom('rubric_versions').select('id').where('challenge_slug', '=', challenge.slug).where('version', '>', rubric.version).executeTakeFirst();
    if (!newer) await makeRubricCurrent(trx, rubric.id, challenge.slug);
    return { slug: challenge.slug, versionId, rubricVersionId: rubric.id };
  });
}

/** Syncs every loaded challenge; a broken one is logged and skipped, never fatal. */
export async function syncCatalog(db: Db, challenges: readonly LoadedChallenge[], log: Logger): Promise<SyncedChallenge[]> {
  const synced: SyncedChallenge[] = [];
  for (const challenge of challenges) {
    try {
      synced.push(await syncChallenge(db, challenge, log));
    } catch (err) {
      log.error({ slug: challenge.slug, err: (err as Error).message }, 'could not sync challenge');
    }
  }
  return synced;
}
