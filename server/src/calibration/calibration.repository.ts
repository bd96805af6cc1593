import { sql } from 'kysely';
import type { Decision, Level, ScoreDimension } from '@assay/shared';
import type { Db } from '../db/db';

/** The final submission that counts per candidate and challenge (the latest one), with its judged score. */
export interface CountingScore {
  submission_id: string;
  invitation_id: string;
  challenge_slug: string;
  verdict: string | null;
  status: string;
  total: number | null;
  level: Level | null;
  dimensions: ScoreDimension[] | null;
  rubric_version: number | null;
  /** The latest re-score of the same submission under a later version, if a panel made one. */
  rescore_total: number | null;
  rescore_level: Level | null;
  rescore_version: number | null;
}

export async function countingScores(db: Db, assessmentId: string): Promise<CountingScore[]> {
  const rows = await sql<CountingScore>`
    SELECT DISTINCT ON (s.invitation_id, s.challenge_slug)
           s.id AS submission_id, s.invitation_id, s.challenge_slug, s.verdict, s.status,
           sc.total, sc.level, sc.dimensions, rv.version AS rubric_version,
           re.total AS rescore_total, re.level AS rescore_level, re.version AS rescore_version
      FROM submissions s
      LEFT JOIN LATERAL (
        SELECT total, level, dimensions, rubric_version_id FROM scores
         WHERE submission_id = s.id AND origin = 'judge' ORDER BY created_at DESC LIMIT 1
      ) sc ON true
      LEFT JOIN rubric_versions rv ON rv.id = sc.rubric_version_id
      LEFT JOIN LATERAL (
        SELECT r.total, r.level, v.version FROM scores r JOIN rubric_versions v ON v.id = r.rubric_version_id
         WHERE r.submission_id = s.id AND r.origin = 'rescore' ORDER BY v.version DESC LIMIT 1
      ) re ON true
     WHERE s.assessment_id = ${assessmentId} AND s.kind = 'final'
     ORDER BY s.invitation_id, s.challenge_slug, s.created_at DESC`.execute(db);
  return rows.rows;
}

export interface AssessmentReview {
  invitation_id: string;
  reviewer_id: string;
  reviewer_name: string;
  ratings: Record<string, number>;
  decision: Decision | null;
}

export async function reviewsOfAssessment(db: Db, assessmentId: string): Promise<AssessmentReview[]> {
  return db
    .selectFrom('reviews')
    .innerJoin('users', 'users.id', 'reviews.reviewer_id')
    .innerJoin('invitations', 'invitations.id', 'reviews.invitation_id')
    .select(['reviews.invitation_id', 'reviews.reviewer_id', 'users.name as reviewer_name', 'reviews.ratings', 'reviews.decision'])
    .where('invitations.assessment_id', '=', assessmentId)
    .orderBy('users.name')
    .execute();
}
