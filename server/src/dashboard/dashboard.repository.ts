import { sql } from 'kysely';
import type { Db } from '../db/db';

/** Per invitation of these assessments: final submissions and reviews, counted in SQL. */
export async function invitationActivityCounts(db: Db, assessmentIds: string[]) {
  if (!assessmentIds.length) return [];
  return db
    .selectFrom('invitations')
    .select((eb) => [
      'invitations.id',
      'invitations.assessment_id',
      eb.selectFrom('submissions').select(sql<number>`count(*)::int`.as('n')).whereRef('submissions.invitation_id', '=', 'invitations.id').where('submissions.kind', '=', 'final').as('finals'),
      eb.selectFrom('reviews').select(sql<number>`count(*)::int`.as('n')).whereRef('reviews.invitation_id', '=', 'invitations.id').as('reviews'),
    ])
    .where('invitations.assessment_id', 'in', assessmentIds)
    .execute();
}

/** Test runs of an assessment per candidate and challenge (only pairs with at least one). */
export async function testRunCounts(db: Db, assessmentId: string) {
  return db
    .selectFrom('submissions')
    .select(['invitation_id', 'challenge_slug', sql<number>`count(*)::int`.as('n')])
    .where('assessment_id', '=', assessmentId)
    .where('kind', '=', 'test')
    .groupBy(['invitation_id', 'challenge_slug'])
    .execute();
}

/** Final submissions of an assessment, oldest first, with the score of the run that counts. */
export async function finalSubmissionsWithScores(db: Db, assessmentId: string) {
  return db
    .selectFrom('submissions')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('scores')
          .select(['scores.total', 'scores.level'])
          .whereRef('scores.submission_id', '=', 'submissions.id')
          .orderBy('scores.created_at', 'desc')
          .limit(1)
          .as('score'),
      (join) => join.onTrue(),
    )
    .select(['submissions.id', 'submissions.invitation_id', 'submissions.challenge_slug', 'submissions.status', 'submissions.verdict', 'submissions.created_at', 'score.total', 'score.level'])
    .where('submissions.assessment_id', '=', assessmentId)
    .where('submissions.kind', '=', 'final')
    .orderBy('submissions.created_at')
    .execute();
}

export async function reviewersOf(db: Db, invitationIds: string[]) {
  if (!invitationIds.length) return [];
  return db.selectFrom('reviews').select(['invitation_id', 'reviewer_id']).where('invitation_id', 'in', invitationIds).execute();
}
