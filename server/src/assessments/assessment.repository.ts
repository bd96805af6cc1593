import type { CandidateSees } from '@assay/shared';
import type { Db } from '../db/db';
import type { AssessmentRow } from './assessment.table';

export interface AssessmentWithChallenges extends AssessmentRow {
  creator_name: string;
  challenges: { slug: string; title: string; versionId: string }[];
}

export async function insertAssessment(
  db: Db,
  row: { title: string; time_allowed_minutes: number; candidate_sees: CandidateSees; created_by: string },
  challenges: { slug: string; versionId: string }[],
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('assessments').values(row).returning('id').executeTakeFirstOrThrow();
    await trx
      .insertInto('assessment_challenges')
      .values(challenges.map((c, position) => ({ assessment_id: id, position, challenge_slug: c.slug, challenge_version_id: c.versionId })))
      .execute();
    return id;
  });
}

function baseQuery(db: Db) {
  return db
    .selectFrom('assessments')
    .innerJoin('users', 'users.id', 'assessments.created_by')
    .selectAll('assessments')
    .select('users.name as creator_name');
}

async function withChallenges(db: Db, rows: (AssessmentRow & { creator_name: string })[]): Promise<AssessmentWithChallenges[]> {
  if (!rows.length) return [];
  const links = await db
    .selectFrom('assessment_challenges')
    .innerJoin('challenge_versions', 'challenge_versions.id', 'assessment_challenges.challenge_version_id')
    .select(['assessment_challenges.assessment_id', 'assessment_challenges.challenge_slug as slug', 'challenge_versions.title', 'challenge_versions.id as versionId'])
    .where('assessment_challenges.assessment_id', 'in', rows.map((r) => r.id))
    .orderBy('assessment_challenges.position')
    .execute();
  return rows.map((r) => ({ ...r, challenges: links.filter((l) => l.assessment_id === r.id).map(({ slug, title, versionId }) => ({ slug, title, versionId })) }));
}

export async function findAssessment(db: Db, id: string): Promise<AssessmentWithChallenges | undefined> {
  const row = await baseQuery(db).where('assessments.id', '=', id).executeTakeFirst();
  return row ? (await withChallenges(db, [row]))[0] : undefined;
}

/** Assessments made by `createdBy`, or all of them when undefined (admins). */
export async function listAssessments(db: Db, createdBy: string | undefined): Promise<AssessmentWithChallenges[]> {
  let q = baseQuery(db).orderBy('assessments.created_at', 'desc');
  if (createdBy) q = q.where('assessments.created_by', '=', createdBy);
  return withChallenges(db, await q.execute());
}

/**
 * What the candidate of a submission may see of its result: the assessment's
 * setting for a final, everything for a test run (practice). Undefined when
 * the submission does not exist.
 */
export async function findResultVisibility(db: Db, submissionId: string): Promise<CandidateSees | undefined> {
  const row = await db
    .selectFrom('submissions')
    .innerJoin('assessments', 'assessments.id', 'submissions.assessment_id')
    .select(['submissions.kind', 'assessments.candidate_sees'])
    .where('submissions.id', '=', submissionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return row.kind === 'test' ? 'score' : row.candidate_sees;
}

/** The assessment's `candidateSees` setting; `nothing` for an assessment that is gone (fail closed). */
export async function findCandidateSees(db: Db, assessmentId: string): Promise<CandidateSees> {
  const row = await db.selectFrom('assessments').select('candidate_sees').where('id', '=', assessmentId).executeTakeFirst();
  return row?.candidate_sees ?? 'nothing';
}
