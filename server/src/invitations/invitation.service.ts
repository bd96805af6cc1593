import type { CreateInvitationBody, CreatedInvitation, Invitation, UpdateInvitationBody } from '@assay/shared';
import { CreateInvitationBodySchema } from '@assay/shared';
import { accessibleAssessment } from '../assessments/assessment.service';
import { hashToken, newToken } from '../auth/auth.tokens';
import type { Db } from '../db/db';
import type { LivePublisher } from '../live/live.publisher';
import type { LiveRevocations } from '../live/live.revoke';
import { AppError } from '../platform/errors';
import type { UserRow } from '../users/user.table';
import { findInvitation, insertInvitation, updateInvitation } from './invitation.repository';
import { deadlineFor, invitationState } from './invitation.rules';
import type { InvitationRow } from './invitation.table';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toInvitation(row: InvitationRow, now = new Date()): Invitation {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    candidateName: row.candidate_name,
    candidateEmail: row.candidate_email,
    state: invitationState(row, now),
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    extraTimeMinutes: row.extra_time_minutes,
    startedAt: iso(row.started_at),
    deadlineAt: iso(row.deadline_at),
    finishedAt: iso(row.finished_at),
    revokedAt: iso(row.revoked_at),
  };
}

/**
 * Tells the boards watching the invitation's assessment that it changed
 * (start, finish, extra time, revocation, deadline passed), with the
 * invitation as staff see it now. The room is staff-only; best effort like
 * every live event.
 */
export function announceInvitation(live: Pick<LivePublisher, 'assessment'>, row: InvitationRow, now = new Date()): void {
  live.assessment({ type: 'invitation', assessmentId: row.assessment_id, invitationId: row.id, invitation: toInvitation(row, now), at: now.toISOString() });
}

/** Makes an invitation; the token is returned this once and only its hash is kept. `row` is for announcing it. */
export async function createInvitation(db: Db, user: UserRow, assessmentId: string, input: CreateInvitationBody): Promise<{ created: CreatedInvitation; row: InvitationRow }> {
  const body = CreateInvitationBodySchema.parse(input);
  await accessibleAssessment(db, user, assessmentId);
  const token = newToken();
  const row = await insertInvitation(db, {
    assessment_id: assessmentId,
    candidate_name: body.candidateName,
    candidate_email: body.candidateEmail,
    token_hash: hashToken(token),
    created_by: user.id,
    expires_at: new Date(Date.now() + body.expiresInHours * 3_600_000),
    extra_time_minutes: body.extraTimeMinutes,
  });
  return { created: { invitation: toInvitation(row), token, path: `/take/${token}` }, row };
}

/** The invitation if this user may see its assessment; else 404. */
export async function accessibleInvitation(db: Db, user: UserRow, id: string): Promise<InvitationRow> {
  const row = await findInvitation(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such invitation.');
  await accessibleAssessment(db, user, row.assessment_id).catch(() => {
    throw new AppError('NOT_FOUND', 'No such invitation.');
  });
  return row;
}

/** Extra time moves a started candidate's deadline; revoking ends the link (and its open sockets) at once. */
export async function changeInvitation(db: Db, revocations: LiveRevocations, user: UserRow, id: string, body: UpdateInvitationBody): Promise<InvitationRow> {
  const row = await accessibleInvitation(db, user, id);
  if (row.revoked_at) throw new AppError('CONFLICT', 'This invitation has been withdrawn.');
  const assessment = await accessibleAssessment(db, user, row.assessment_id);
  const extra = body.extraTimeMinutes ?? row.extra_time_minutes;
  const updated = await updateInvitation(db, id, {
    extra_time_minutes: extra,
    ...(row.started_at && { deadline_at: deadlineFor(row.started_at, assessment.time_allowed_minutes, extra) }),
    ...(body.expiresInHours !== undefined && { expires_at: new Date(Date.now() + body.expiresInHours * 3_600_000) }),
    ...(body.revoked && { revoked_at: new Date() }),
  });
  if (body.revoked) revocations.invitation(id);
  return updated!;
}
