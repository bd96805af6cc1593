import type { Insertable } from 'kysely';
import type { Db } from '../db/db';
import type { ChallengeVersionRow, ChallengeVersionsTable, RubricVersionRow, RubricVersionsTable } from './catalog.table';

export async function listCurrentChallenges(db: Db): Promise<ChallengeVersionRow[]> {
  return db.selectFrom('challenge_versions').selectAll().where('is_current', '=', true).orderBy('slug').execute();
}

export async function findCurrentChallenge(db: Db, slug: string): Promise<ChallengeVersionRow | undefined> {
  return db.selectFrom('challenge_versions').selectAll().where('slug', '=', slug).where('is_current', '=', true).executeTakeFirst();
}

export async function findChallengeVersion(db: Db, id: string): Promise<ChallengeVersionRow | undefined> {
  return db.selectFrom('challenge_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findChallengeVersionsByIds(db: Db, ids: string[]): Promise<ChallengeVersionRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('challenge_versions').selectAll().where('id', 'in', ids).execute();
}

/** Inserts the version if new, makes it the current one of its slug. @returns its id */
export async function upsertCurrentChallenge(db: Db, row: Insertable<ChallengeVersionsTable>): Promise<string> {
  await db.updateTable('challenge_versions').set({ is_current: false }).where('slug', '=', row.slug).where('content_hash', '!=', row.content_hash).where('is_current', '=', true).execute();
  const inserted = await db
    .insertInto('challenge_versions')
    .values({ ...row, is_current: true })
    .onConflict((oc) => oc.columns(['slug', 'content_hash']).doUpdateSet({ is_current: true, synced_at: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findRubricVersion(db: Db, slug: string, version: number): Promise<RubricVersionRow | undefined> {
  return db.selectFrom('rubric_versions').selectAll().where('challenge_slug', '=', slug).where('version', '=', version).executeTakeFirst();
}

export async function findCurrentRubrics(db: Db): Promise<RubricVersionRow[]> {
  return db.selectFrom('rubric_versions').selectAll().where('is_current', '=', true).execute();
}

export async function insertRubricVersion(db: Db, row: Insertable<RubricVersionsTable>): Promise<RubricVersionRow> {
  return db.insertInto('rubric_versions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function makeRubricCurrent(db: Db, id: string, slug: string): Promise<void> {
  await db.updateTable('rubric_versions').set({ is_current: false }).where('challenge_slug', '=', slug).where('id', '!=', id).where('is_current', '=', true).execute();
  await db.updateTable('rubric_versions').set({ is_current: true }).where('id', '=', id).execute();
}
