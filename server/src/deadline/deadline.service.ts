import { solutionBytes } from '@assay/shared';
import { recordActivity } from '../activity/activity.repository';
import { announceInvitation } from '../invitations/invitation.service';
import type { InvitationRow } from '../invitations/invitation.table';
import { enqueueAndAnnounce, type PipelineDeps } from '../submissions/submission.service';
import { insertSubmission, type SubmissionMeta } from '../submissions/submission.repository';
import { claimDueDrafts, findDueInvitationIds, findUnsubmittedDrafts } from './deadline.repository';

/** What made the server submit the drafts, recorded in the activity log. */
export type DraftsTrigger = 'deadline' | 'finish' | 'sweeper';

/**
 * Submits, as finals, the last saved draft of each challenge of the
 * invitation that has no final submission, once the drafts are due (early
 * finish, or deadline + grace). Exactly once across any number of API and
 * worker processes: the claim on the invitation row and the inserts are one
 * transaction, so whoever claims first submits and everyone else finds
 * nothing to do. Each one is logged as a `submit` with `auto: true`, so
 * reviewers can tell it from the candidate's own.
 *
 * @returns the submissions made (none when not due, already done, or no draft is waiting)
 */
export async function submitLastDrafts(deps: PipelineDeps, invitationId: string, graceMs: number, trigger: DraftsTrigger): Promise<SubmissionMeta[]> {
  let claimed: InvitationRow | undefined;
  const created = await deps.db.transaction().execute(async (trx) => {
    const inv = await claimDueDrafts(trx, invitationId, graceMs);
    claimed = inv;
    if (!inv) return [];
    const rows: SubmissionMeta[] = [];
    for (const draft of await findUnsubmittedDrafts(trx, inv)) {
      rows.push(await insertSubmission(trx, {
        invitation_id: inv.id,
        assessment_id: inv.assessment_id,
        challenge_slug: draft.challenge_slug,
        challenge_version_id: draft.challenge_version_id,
        kind: 'final',
        files: JSON.stringify(draft.files),
        size_bytes: solutionBytes(draft.files),
        verdict: null,
        message: null,
        // Enqueued right after the commit; should this process die first, the sweeper re-enqueues it once it looks stuck.
        enqueued_at: new Date(),
        started_at: null,
        heartbeat_at: null,
        finished_at: null,
        worker: null,
      }));
    }
    await recordActivity(trx, rows.map((row) => ({
      invitationId: inv.id,
      kind: 'submit' as const,
      challengeSlug: row.challenge_slug,
      details: { submissionId: row.id, sizeBytes: row.size_bytes, auto: true, trigger },
    })));
    return rows;
  });
  // The deadline passed with no other event (a finish announced itself): the boards learn it here.
  if (claimed && trigger !== 'finish') announceInvitation(deps.live, claimed);
  for (const row of created) await enqueueAndAnnounce(deps, row);
  if (created.length) deps.log.info({ invitationId, trigger, submissions: created.map((r) => r.id) }, 'submitted the last drafts as finals');
  return created;
}

/**
 * The safety net, run by the sweeper: submits the drafts of every
 * invitation that is due and still unsubmitted, whatever happened to its
 * delayed job (Redis lost it, scheduling failed, the invitation started
 * before the job existed). One failure does not stop the others.
 */
export async function submitAllDueDrafts(deps: PipelineDeps, graceMs: number): Promise<number> {
  let submitted = 0;
  for (const id of await findDueInvitationIds(deps.db, graceMs)) {
    try {
      submitted += (await submitLastDrafts(deps, id, graceMs, 'sweeper')).length;
    } catch (err) {
      deps.log.error({ err: (err as Error).message, invitationId: id }, 'could not submit the last drafts');
    }
  }
  return submitted;
}
