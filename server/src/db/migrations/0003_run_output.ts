import { sql, type Kysely } from 'kysely';

/**
 * What the candidate's program printed, per run of a judgement (see
 * `ProgramOutputSchema` in shared): reviewers of a crash need its stderr,
 * which the `log` column (the judge's own messages) does not hold. Runs
 * stored before this migration have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE runs ADD COLUMN output jsonb NOT NULL DEFAULT '[]'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE runs DROP COLUMN IF EXISTS output`.execute(db);
}
