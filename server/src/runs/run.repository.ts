import type { Insertable } from 'kysely';
import type { Db } from '../db/db';
import type { RunRow, RunsTable, ScoreRow, ScoresTable } from './run.table';

export async function insertRun(db: Db, row: Insertable<RunsTable>): Promise<RunRow> {
  return db.insertInto('runs').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertScore(db: Db, row: Insertable<ScoresTable>): Promise<ScoreRow> {
  return db
    .insertInto('scores')
    .values(row)
    .onConflict((oc) => oc.columns(['run_id', 'rubric_version_id']).doUpdateSet({ total: row.total, level: row.level, dimensions: row.dimensions }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listRuns(db: Db, submissionId: string): Promise<RunRow[]> {
  return db.selectFrom('runs').selectAll().where('submission_id', '=', submissionId).orderBy('created_at').execute();
}

export interface ScoreWithRubric extends ScoreRow {
  rubric_slug: string;
  rubric_version: number;
}

export async function listScores(db: Db, submissionIds: string[]): Promise<ScoreWithRubric[]> {
  if (!submissionIds.length) return [];
  return db
    .selectFrom('scores')
    .innerJoin('rubric_versions', 'rubric_versions.id', 'scores.rubric_version_id')
    .selectAll('scores')
    .select(['rubric_versions.challenge_slug as rubric_slug', 'rubric_versions.version as rubric_version'])
    .where('scores.submission_id', 'in', submissionIds)
    .orderBy('scores.created_at')
    .execute();
}

/** The latest run of each submission that is not a platform fault (the one that counts). */
export async function latestCountingRuns(db: Db, submissionIds: string[]): Promise<Pick<RunRow, 'id' | 'submission_id' | 'tests' | 'verdict'>[]> {
  if (!submissionIds.length) return [];
  return db
    .selectFrom('runs')
    .select(['id', 'submission_id', 'tests', 'verdict'])
    .distinctOn('submission_id')
    .where('submission_id', 'in', submissionIds)
    .where('verdict', '!=', 'INTERNAL_ERROR')
    .orderBy('submission_id')
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * The program output stored with the run that counts (see `latestCountingRuns`):
 * what a candidate may read of their own submission.
 */
export async function countingRunOutput(db: Db, submissionId: string): Promise<RunRow['output']> {
  const row = await db
    .selectFrom('runs')
    .select('output')
    .where('submission_id', '=', submissionId)
    .where('verdict', '!=', 'INTERNAL_ERROR')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.output ?? [];
}
