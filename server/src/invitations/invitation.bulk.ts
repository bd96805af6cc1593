import type { BulkInvitationBody, CreatedInvitation } from '@assay/shared';
import type { InvitationRow } from './invitation.table';
import { BulkInvitationBodySchema } from '@assay/shared';
import { accessibleAssessment } from '../assessments/assessment.service';
import { hashToken, newToken } from '../auth/auth.tokens';
import type { Db } from '../db/db';
import { AppError } from '../platform/errors';
import type { UserRow } from '../users/user.table';
import { insertInvitation } from './invitation.repository';
import { toInvitation } from './invitation.service';

/**
 * Invites every row in one transaction: all of them or none. The same email
 * twice in one batch is refused (a pasted list with a duplicate is a mistake,
 * and two links for one person confuse everyone). Tokens are returned this once;
 * `rows` are for announcing the new invitations once committed.
 */
export async function createInvitations(db: Db, user: UserRow, assessmentId: string, input: BulkInvitationBody): Promise<{ created: CreatedInvitation[]; rows: InvitationRow[] }> {
  const body = BulkInvitationBodySchema.parse(input);
  await accessibleAssessment(db, user, assessmentId);
  const firstRow = new Map<string, number>();
  const issues: { path: string; message: string }[] = [];
  body.rows.forEach((row, i) => {
    const key = row.candidateEmail.toLowerCase();
    const first = firstRow.get(key);
    if (first !== undefined) issues.push({ path: `rows.${i}.candidateEmail`, message: `same email as row ${first + 1}` });
    else firstRow.set(key, i);
  });
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'The request body is invalid.', { issues });
  const expiresAt = new Date(Date.now() + body.expiresInHours * 3_600_000);
  return db.transaction().execute(async (trx) => {
    const created: CreatedInvitation[] = [];
    const rows: InvitationRow[] = [];
    // now() is the same for the whole transaction: a millisecond apart keeps the batch in its CSV order wherever it is listed.
    const base = Date.now();
    for (const [i, row] of body.rows.entries()) {
      const token = newToken();
      const inserted = await insertInvitation(trx, {
        assessment_id: assessmentId,
        candidate_name: row.candidateName,
        candidate_email: row.candidateEmail,
        token_hash: hashToken(token),
        created_by: user.id,
        expires_at: expiresAt,
        extra_time_minutes: row.extraTimeMinutes,
        created_at: new Date(base + i),
      });
      created.push({ invitation: toInvitation(inserted), token, path: `/take/${token}` });
      rows.push(inserted);
    }
    return { created, rows };
  });
}
