import type { Decision, Review } from '@assay/shared';
import type { Db } from '../db/db';
import type { ReviewRow } from './review.table';

export type ReviewWithReviewer = ReviewRow & { reviewer_name: string };

/** The reviewer's one review of an invitation: created, or replaced. */
export async function upsertReview(
  db: Db,
  review: { invitationId: string; reviewerId: string; notes: string; ratings: Record<string, number>; decision: Decision | null },
): Promise<void> {
  const now = new Date();
  const ratings = JSON.stringify(review.ratings);
  await db
    .insertInto('reviews')
    .values({ invitation_id: review.invitationId, reviewer_id: review.reviewerId, notes: review.notes, ratings, decision: review.decision, updated_at: now })
    .onConflict((oc) => oc.columns(['invitation_id', 'reviewer_id']).doUpdateSet({ notes: review.notes, ratings, decision: review.decision, updated_at: now }))
    .execute();
}

export async function listReviews(db: Db, invitationId: string): Promise<ReviewWithReviewer[]> {
  return db
    .selectFrom('reviews')
    .innerJoin('users', 'users.id', 'reviews.reviewer_id')
    .selectAll('reviews')
    .select('users.name as reviewer_name')
    .where('reviews.invitation_id', '=', invitationId)
    .orderBy('reviews.created_at')
    .execute();
}

export function toReview(row: ReviewWithReviewer): Review {
  return {
    id: row.id,
    invitationId: row.invitation_id,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name },
    notes: row.notes,
    ratings: row.ratings,
    decision: row.decision,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
