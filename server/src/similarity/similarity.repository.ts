import { sql, type Insertable } from 'kysely';
import type { SharedRegion } from '@assay/shared';
import type { Db } from '../db/db';
import type { SimilarityMatchesTable, SimilarityMatchRow } from './similarity.table';

/** Final, judged submissions of a challenge by other candidates: the comparison set. */
export async function listComparableSubmissions(db: Db, challengeSlug: string, exceptInvitationId: string, limit: number) {
  return db
    .selectFrom('submissions')
    .select(['id', 'invitation_id', 'files', 'created_at'])
    .where('challenge_slug', '=', challengeSlug)
    .where('kind', '=', 'final')
    .where('status', '=', 'done')
    .where('invitation_id', '<>', exceptInvitationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Replaces the submission's own matches and writes each submission match's
 * mirror on the other side, in one transaction. An entry the other side
 * already holds for this submission with a better-or-equal share is kept: it
 * is that side's own comparison (or a newer one), and a mirror must not
 * lower a flag a reviewer may already have seen.
 */
export async function storeMatches(
  db: Db,
  submissionId: string,
  summary: { fingerprints: number; comparedWith: number },
  matches: Insertable<SimilarityMatchesTable>[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx.deleteFrom('similarity_matches').where('submission_id', '=', submissionId).execute();
    if (matches.length) await trx.insertInto('similarity_matches').values(matches.map((m) => ({ ...m, computed_at: now }))).execute();
    for (const m of matches) {
      if (!m.other_submission_id) continue;
      const existing = await trx
        .selectFrom('similarity_matches')
        .select('share')
        .where('submission_id', '=', m.other_submission_id)
        .where('other_submission_id', '=', submissionId)
        .orderBy('share', 'desc')
        .executeTakeFirst();
      if (existing && existing.share >= m.other_share) continue;
      await trx.deleteFrom('similarity_matches').where('submission_id', '=', m.other_submission_id).where('other_submission_id', '=', submissionId).execute();
      const mirrored = JSON.parse(m.regions) as SharedRegion[];
      await trx
        .insertInto('similarity_matches')
        .values({
          submission_id: m.other_submission_id,
          other_submission_id: submissionId,
          other_solution: null,
          share: m.other_share,
          other_share: m.share,
          shared_fingerprints: m.shared_fingerprints,
          regions: JSON.stringify(mirrored.map((r) => ({ a: r.b, b: r.a, fingerprints: r.fingerprints }))),
          computed_at: now,
        })
        .execute();
    }
    await trx
      .insertInto('similarity_checks')
      .values({ submission_id: submissionId, fingerprints: summary.fingerprints, compared_with: summary.comparedWith, checked_at: now })
      .onConflict((oc) => oc.column('submission_id').doUpdateSet({ fingerprints: summary.fingerprints, compared_with: summary.comparedWith, checked_at: now }))
      .execute();
  });
}

export async function findCheck(db: Db, submissionId: string) {
  return db.selectFrom('similarity_checks').selectAll().where('submission_id', '=', submissionId).executeTakeFirst();
}

export async function listMatches(db: Db, submissionId: string, limit: number): Promise<SimilarityMatchRow[]> {
  return db.selectFrom('similarity_matches').selectAll().where('submission_id', '=', submissionId).orderBy('share', 'desc').limit(limit).execute();
}

/** Highest share per invitation over its final submissions, for the board. */
export async function topShareByInvitation(db: Db, invitationIds: string[]): Promise<Map<string, number>> {
  if (!invitationIds.length) return new Map();
  const rows = await db
    .selectFrom('similarity_matches')
    .innerJoin('submissions', 'submissions.id', 'similarity_matches.submission_id')
    .select(['submissions.invitation_id', sql<number>`max(similarity_matches.share)`.as('top')])
    .where('submissions.invitation_id', 'in', invitationIds)
    .groupBy('submissions.invitation_id')
    .execute();
  return new Map(rows.map((r) => [r.invitation_id, Number(r.top)]));
}

/** Invitations of which at least one final submission has been checked (their top share is 0 when nothing matched). */
export async function checkedInvitations(db: Db, invitationIds: string[]): Promise<Set<string>> {
  if (!invitationIds.length) return new Set();
  const rows = await db
    .selectFrom('similarity_checks')
    .innerJoin('submissions', 'submissions.id', 'similarity_checks.submission_id')
    .select('submissions.invitation_id')
    .distinct()
    .where('submissions.invitation_id', 'in', invitationIds)
    .execute();
  return new Set(rows.map((r) => r.invitation_id));
}
