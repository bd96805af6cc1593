import { ACTIVITY_DISCLOSURE, type CandidateAssessment, type CandidateSees } from '@assay/shared';
import { recordActivity } from '../activity/activity.repository';
import { findAssessment } from '../assessments/assessment.repository';
import { findChallengeVersionsByIds } from '../catalog/catalog.repository';
import { toChallengeSummary } from '../catalog/catalog.view';
import type { ChallengeVersionRow } from '../catalog/catalog.table';
import type { Db } from '../db/db';
import { listDrafts, toDraft } from '../drafts/draft.repository';
import { markStarted, updateInvitation } from '../invitations/invitation.repository';
import { assertCandidateCanRead, assertCandidateCanWrite, deadlineFor, invitationState } from '../invitations/invitation.rules';
import type { InvitationRow } from '../invitations/invitation.table';
import { AppError } from '../platform/errors';
import { promptHtml } from './prompt-html';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The challenge versions pinned by the candidate's assessment, in order. */
export async function candidateChallenges(db: Db, inv: InvitationRow): Promise<{ assessmentTitle: string; timeAllowedMinutes: number; candidateSees: CandidateSees; challenges: ChallengeVersionRow[] }> {
  const assessment = await findAssessment(db, inv.assessment_id);
  if (!assessment) throw new AppError('NOT_FOUND', 'This assessment no longer exists.');
  const rows = await findChallengeVersionsByIds(db, assessment.challenges.map((c) => c.versionId));
  const challenges = assessment.challenges.map((c) => rows.find((r) => r.id === c.versionId)!);
  return { assessmentTitle: assessment.title, timeAllowedMinutes: assessment.time_allowed_minutes, candidateSees: assessment.candidate_sees, challenges };
}

/** One pinned challenge of the candidate's assessment, or 404. */
export async function candidateChallenge(db: Db, inv: InvitationRow, slug: string): Promise<ChallengeVersionRow> {
  const { challenges } = await candidateChallenges(db, inv);
  const challenge = challenges.find((c) => c.slug === slug);
  if (!challenge) throw new AppError('NOT_FOUND', 'No such challenge in your assessment.');
  return challenge;
}

/** What the candidate sees: prompts and files only once they started (the clock runs from then). */
export async function candidateAssessment(db: Db, inv: InvitationRow, now = new Date()): Promise<CandidateAssessment> {
  assertCandidateCanRead(inv, now);
  const { assessmentTitle, timeAllowedMinutes, candidateSees, challenges } = await candidateChallenges(db, inv);
  const drafts = inv.started_at ? await listDrafts(db, inv.id) : [];
  const open = inv.started_at !== null;
  return {
    title: assessmentTitle,
    candidateName: inv.candidate_name,
    state: invitationState(inv, now),
    timeAllowedMinutes,
    candidateSees,
    extraTimeMinutes: inv.extra_time_minutes,
    expiresAt: inv.expires_at.toISOString(),
    startedAt: iso(inv.started_at),
    deadlineAt: iso(inv.deadline_at),
    finishedAt: iso(inv.finished_at),
    serverTime: now.toISOString(),
    activityDisclosure: ACTIVITY_DISCLOSURE,
    challenges: challenges.map((c) => {
      const draft = drafts.find((d) => d.challenge_slug === c.slug);
      return {
        ...toChallengeSummary(c),
        prompt: open ? c.prompt : null,
        promptHtml: open ? promptHtml(c) : null,
        starterFiles: open ? c.starter_files : null,
        visibleTests: open ? c.visible_tests : null,
        draft: draft ? toDraft(draft) : null,
        memoryLimitMiB: c.manifest.scales.full.limits.memoryMiB ?? null,
      };
    }),
  };
}

/** Starts the clock (once; a second call changes nothing). The deadline is fixed here, server-side. */
export async function startAssessment(db: Db, inv: InvitationRow, now = new Date()): Promise<InvitationRow> {
  assertCandidateCanRead(inv, now);
  if (inv.started_at) return inv;
  const { timeAllowedMinutes } = await candidateChallenges(db, inv);
  const started = await markStarted(db, inv.id, now, deadlineFor(now, timeAllowedMinutes, inv.extra_time_minutes));
  if (started.started_at?.getTime() === now.getTime()) await recordActivity(db, [{ invitationId: inv.id, kind: 'started', occurredAt: now }]);
  return started;
}

/** The candidate hands in early; nothing can change afterwards. */
export async function finishAssessment(db: Db, inv: InvitationRow, now = new Date(), graceMs?: number): Promise<InvitationRow> {
  assertCandidateCanWrite(inv, now, graceMs);
  const row = await updateInvitation(db, inv.id, { finished_at: now });
  await recordActivity(db, [{ invitationId: inv.id, kind: 'finished', occurredAt: now }]);
  return row!;
}
