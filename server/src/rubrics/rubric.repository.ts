import { sql } from 'kysely';
import type { CheckResult, Level, RubricInput, ScoreDimension, TrialSummary } from '@assay/shared';
import type { RubricVersionRow } from '../catalog/catalog.table';
import type { Db } from '../db/db';
import type { RubricDraftRow } from './rubric.table';

export type RubricVersionWithPublisher = RubricVersionRow & { publisher_name: string | null; score_count: number };

export async function listRubricVersions(db: Db, slug: string): Promise<RubricVersionWithPublisher[]> {
  return db
    .selectFrom('rubric_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .selectAll('v')
    .select('u.name as publisher_name')
    .select((eb) => eb.selectFrom('scores').select(eb.fn.countAll<string>().as('n')).whereRef('scores.rubric_version_id', '=', 'v.id').as('score_count'))
    .where('v.challenge_slug', '=', slug)
    .orderBy('v.version', 'desc')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, score_count: Number(r.score_count ?? 0) })));
}

/** The version new submissions of the challenge are scored under. */
export async function findCurrentRubricVersion(db: Db, slug: string): Promise<RubricVersionRow | undefined> {
  return db.selectFrom('rubric_versions').selectAll().where('challenge_slug', '=', slug).where('is_current', '=', true).executeTakeFirst();
}

export async function highestRubricVersion(db: Db, slug: string): Promise<number> {
  const row = await db.selectFrom('rubric_versions').select((eb) => eb.fn.max('version').as('v')).where('challenge_slug', '=', slug).executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertPanelVersion(
  db: Db,
  row: { slug: string; version: number; rubricJson: string; contentHash: string; publishedBy: string; reason: string },
): Promise<RubricVersionRow> {
  await db.updateTable('rubric_versions').set({ is_current: false }).where('challenge_slug', '=', row.slug).where('is_current', '=', true).execute();
  return db
    .insertInto('rubric_versions')
    .values({ challenge_slug: row.slug, version: row.version, rubric: row.rubricJson, content_hash: row.contentHash, is_current: true, source: 'panel', published_by: row.publishedBy, reason: row.reason })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type DraftWithEditor = RubricDraftRow & { editor_name: string; base_version: number };

export async function findDraft(db: Db, slug: string): Promise<DraftWithEditor | undefined> {
  return db
    .selectFrom('rubric_drafts as d')
    .innerJoin('users as u', 'u.id', 'd.updated_by')
    .innerJoin('rubric_versions as v', 'v.id', 'd.base_version_id')
    .selectAll('d')
    .select(['u.name as editor_name', 'v.version as base_version'])
    .where('d.challenge_slug', '=', slug)
    .executeTakeFirst();
}

export async function upsertDraft(db: Db, draft: { slug: string; baseVersionId: string; rubric: RubricInput; userId: string }): Promise<void> {
  const now = new Date();
  const rubric = JSON.stringify(draft.rubric);
  await db
    .insertInto('rubric_drafts')
    .values({ challenge_slug: draft.slug, base_version_id: draft.baseVersionId, rubric, updated_by: draft.userId, updated_at: now })
    .onConflict((oc) => oc.column('challenge_slug').doUpdateSet({ rubric, updated_by: draft.userId, updated_at: now }))
    .execute();
}

export async function deleteDraft(db: Db, slug: string): Promise<boolean> {
  const res = await db.deleteFrom('rubric_drafts').where('challenge_slug', '=', slug).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** A scored final submission, with what a re-score needs: the run's trials and checks, and its pinned score. */
export interface ScoredRun {
  submission_id: string;
  invitation_id: string;
  candidate_name: string;
  /** Who made the candidate's assessment (their names are only for admins and that person). */
  assessment_owner: string;
  run_id: string;
  trials: TrialSummary[];
  checks: CheckResult[];
  /** The judge's score of that run (pinned to the version it was scored under). */
  total: number;
  level: Level;
  dimensions: ScoreDimension[];
  rubric_version_id: string;
  /** The same run's stored score under `currentVersionId`, if any (judged or re-scored). */
  current_total: number | null;
  current_level: Level | null;
  current_dimensions: ScoreDimension[] | null;
}

/**
 * Every scored final submission of a challenge: the run that counts (its
 * latest judged score) with its stored score under the version in force.
 * One query, ordered by when the candidate was invited.
 */
export async function listScoredRuns(db: Db, slug: string, currentVersionId: string): Promise<ScoredRun[]> {
  // The run that counts is picked over narrow rows first; only then are the wide ones (trials) joined.
  const rows = await sql<ScoredRun>`
    WITH latest AS (
      SELECT DISTINCT ON (sc.submission_id) sc.submission_id, sc.id AS score_id, sc.run_id
        FROM scores sc
        JOIN submissions s ON s.id = sc.submission_id
       WHERE s.challenge_slug = ${slug} AND s.kind = 'final' AND sc.origin = 'judge'
       ORDER BY sc.submission_id, sc.created_at DESC
    )
    SELECT l.submission_id, s.invitation_id, i.candidate_name, a.created_by AS assessment_owner,
           l.run_id, r.trials, r.checks,
           sc.total, sc.level, sc.dimensions, sc.rubric_version_id,
           cur.total AS current_total, cur.level AS current_level, cur.dimensions AS current_dimensions
      FROM latest l
      JOIN scores sc ON sc.id = l.score_id
      JOIN runs r ON r.id = l.run_id
      JOIN submissions s ON s.id = l.submission_id
      JOIN invitations i ON i.id = s.invitation_id
      JOIN assessments a ON a.id = s.assessment_id
      LEFT JOIN scores cur ON cur.run_id = l.run_id AND cur.rubric_version_id = ${currentVersionId}
     ORDER BY i.created_at, l.submission_id`.execute(db);
  return rows.rows;
}

/** Final submissions of a challenge whose files are exactly one of these (jsonb text md5s). */
export async function submissionsWithFiles(db: Db, slug: string, filesJson: string[]): Promise<{ id: string; files_json: string }[]> {
  if (!filesJson.length) return [];
  const rows = await sql<{ id: string; files_json: string }>`
    SELECT s.id, given.files_json
      FROM submissions s
      JOIN unnest(${filesJson}::text[]) AS given(files_json) ON md5(s.files::text) = md5(given.files_json::jsonb::text)
     WHERE s.challenge_slug = ${slug} AND s.kind = 'final'`.execute(db);
  return rows.rows;
}

/** Adds a re-score row beside each run's existing ones (never replaces one). @returns rows added */
export async function insertRescores(
  db: Db,
  rows: { submission_id: string; run_id: string; rubric_version_id: string; total: number; level: Level; dimensions: ScoreDimension[] }[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => ({ ...r, dimensions: JSON.stringify(r.dimensions), origin: 'rescore' as const }));
    const res = await db.insertInto('scores').values(chunk).onConflict((oc) => oc.columns(['run_id', 'rubric_version_id']).doNothing()).executeTakeFirst();
    added += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** `listScoredRuns` without the wide columns: what the preview needs of every run each time. */
export interface ScoredRunHead {
  submission_id: string;
  invitation_id: string;
  candidate_name: string;
  assessment_owner: string;
  run_id: string;
  total: number;
  level: Level;
  current_score_id: string | null;
  current_total: number | null;
  current_level: Level | null;
}

export async function listScoredRunHeads(db: Db, slug: string, currentVersionId: string): Promise<ScoredRunHead[]> {
  const rows = await sql<ScoredRunHead>`
    WITH latest AS (
      SELECT DISTINCT ON (sc.submission_id) sc.submission_id, sc.run_id, sc.total, sc.level
        FROM scores sc
        JOIN submissions s ON s.id = sc.submission_id
       WHERE s.challenge_slug = ${slug} AND s.kind = 'final' AND sc.origin = 'judge'
       ORDER BY sc.submission_id, sc.created_at DESC
    )
    SELECT l.submission_id, s.invitation_id, i.candidate_name, a.created_by AS assessment_owner, l.run_id, l.total, l.level,
           cur.id AS current_score_id, cur.total AS current_total, cur.level AS current_level
      FROM latest l
      JOIN submissions s ON s.id = l.submission_id
      JOIN invitations i ON i.id = s.invitation_id
      JOIN assessments a ON a.id = s.assessment_id
      LEFT JOIN scores cur ON cur.run_id = l.run_id AND cur.rubric_version_id = ${currentVersionId}
     ORDER BY i.created_at, l.submission_id`.execute(db);
  return rows.rows;
}

/** The wide columns of some runs: trials and checks, and the dimensions of given score rows. */
export async function loadRunPayloads(db: Db, runIds: string[], scoreIds: string[]) {
  const [runs, scores] = await Promise.all([
    runIds.length ? db.selectFrom('runs').select(['id', 'trials', 'checks']).where('id', '=', sql<string>`ANY(${runIds}::uuid[])`).execute() : [],
    scoreIds.length ? db.selectFrom('scores').select(['id', 'dimensions']).where('id', '=', sql<string>`ANY(${scoreIds}::uuid[])`).execute() : [],
  ]);
  return { runs, scores };
}
