import type { Assessment, CreateAssessmentBodySchema } from '@assay/shared';
import type { z } from 'zod';
import { findCurrentChallenge } from '../catalog/catalog.repository';
import type { Db } from '../db/db';
import { AppError } from '../platform/errors';
import type { UserRow } from '../users/user.table';
import { findAssessment, insertAssessment, type AssessmentWithChallenges } from './assessment.repository';

export function toAssessment(row: AssessmentWithChallenges): Assessment {
  return {
    id: row.id,
    title: row.title,
    timeAllowedMinutes: row.time_allowed_minutes,
    candidateSees: row.candidate_sees,
    createdBy: { id: row.created_by, name: row.creator_name },
    createdAt: row.created_at.toISOString(),
    challenges: row.challenges,
  };
}

/** Admins see every assessment; an interviewer those they made. */
export function canAccessAssessment(user: UserRow, assessment: { created_by: string }): boolean {
  return user.role === 'admin' || assessment.created_by === user.id;
}

/** The assessment if this user may see it; otherwise 404 (its existence is not revealed). */
export async function accessibleAssessment(db: Db, user: UserRow, id: string): Promise<AssessmentWithChallenges> {
  const row = await findAssessment(db, id);
  if (!row || !canAccessAssessment(user, row)) throw new AppError('NOT_FOUND', 'No such assessment.');
  return row;
}

/** Pins the current version of each challenge; time defaults to the sum of the challenges' own. */
export async function createAssessment(db: Db, user: UserRow, body: z.output<typeof CreateAssessmentBodySchema>): Promise<AssessmentWithChallenges> {
  const versions = await Promise.all(body.challengeSlugs.map((slug) => findCurrentChallenge(db, slug)));
  const unknown = body.challengeSlugs.filter((_, i) => !versions[i]);
  if (unknown.length) throw new AppError('VALIDATION_FAILED', `Unknown challenge: ${unknown.join(', ')}.`, { issues: [{ path: 'challengeSlugs', message: `unknown: ${unknown.join(', ')}` }] });
  const found = versions.map((v) => v!);
  const minutes = body.timeAllowedMinutes ?? found.reduce((sum, v) => sum + v.manifest.timeAllowedMinutes, 0);
  const id = await insertAssessment(db, { title: body.title, time_allowed_minutes: minutes, candidate_sees: body.candidateSees, created_by: user.id }, found.map((v) => ({ slug: v.slug, versionId: v.id })));
  return (await findAssessment(db, id))!;
}
