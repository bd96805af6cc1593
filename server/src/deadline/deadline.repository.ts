import { sql } from 'kysely';
import type { Db } from '../db/db';
import type { InvitationRow } from '../invitations/invitation.table';

/** Whether the drafts of an invitation are due, in SQL: the same rule as `draftsDueAt`. */
const dueCondition = (graceMs: number) =>
  sql<boolean>`started_at IS NOT NULL AND revoked_at IS NULL AND drafts_submitted_at IS NULL
    AND (finished_at IS NOT NULL OR deadline_at + ${`${graceMs} milliseconds`}::interval < now())`;

/**
 * Claims the submission of an invitation's last drafts: sets
 * `drafts_submitted_at` if it is due and nobody did yet. One UPDATE, so of
 * any number of processes trying at once exactly one gets the row; run it in
 * the transaction that inserts the submissions, so a crash in between leaves
 * the claim unmade for the next try.
 */
export async function claimDueDrafts(trx: Db, invitationId: string, graceMs: number): Promise<InvitationRow | undefined> {
  return trx
    .updateTable('invitations')
    .set({ drafts_submitted_at: sql`now()` })
    .where('id', '=', invitationId)
    .where(dueCondition(graceMs))
    .returningAll()
    .executeTakeFirst();
}

/** Invitations whose drafts are due and not submitted (the sweeper's safety net). */
export async function findDueInvitationIds(db: Db, graceMs: number, limit = 100): Promise<string[]> {
  const rows = await db.selectFrom('invitations').select('id').where(dueCondition(graceMs)).orderBy('deadline_at').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The last saved draft of each of the invitation's challenges that has no final submission, with its pinned version. */
export async function findUnsubmittedDrafts(trx: Db, inv: Pick<InvitationRow, 'id' | 'assessment_id'>) {
  return trx
    .selectFrom('drafts')
    .innerJoin('assessment_challenges', (j) =>
      j.onRef('assessment_challenges.challenge_slug', '=', 'drafts.challenge_slug').on('assessment_challenges.assessment_id', '=', inv.assessment_id),
    )
    .select(['drafts.challenge_slug', 'drafts.files', 'drafts.revision', 'assessment_challenges.challenge_version_id'])
    .where('drafts.invitation_id', '=', inv.id)
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom('submissions')
          .select('submissions.id')
          .where('submissions.invitation_id', '=', inv.id)
          .where('submissions.kind', '=', 'final')
          .whereRef('submissions.challenge_slug', '=', 'drafts.challenge_slug'),
      )),
    )
    .orderBy('assessment_challenges.position')
    .execute();
}
