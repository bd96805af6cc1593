import type { Insertable } from 'kysely';
import type { SubmissionStatus, Verdict } from '@assay/shared';
import type { Db } from '../db/db';
import type { SubmissionRow, SubmissionsTable } from './submission.table';

/** Columns every listing needs; `files` only where the code is shown. */
const SUMMARY_COLUMNS = [
  'id', 'invitation_id', 'assessment_id', 'challenge_slug', 'challenge_version_id', 'kind', 'size_bytes', 'status', 'verdict',
  'message', 'attempts', 'created_at', 'enqueued_at', 'started_at', 'heartbeat_at', 'finished_at', 'worker',
] as const;
export type SubmissionMeta = Omit<SubmissionRow, 'files'>;

export async function insertSubmission(db: Db, row: Insertable<SubmissionsTable>): Promise<SubmissionMeta> {
  return db.insertInto('submissions').values(row).returning(SUMMARY_COLUMNS).executeTakeFirstOrThrow();
}

export async function findSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSubmissionMeta(db: Db, id: string): Promise<SubmissionMeta | undefined> {
  return db.selectFrom('submissions').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listSubmissionsOfInvitation(db: Db, invitationId: string): Promise<SubmissionMeta[]> {
  return db.selectFrom('submissions').select(SUMMARY_COLUMNS).where('invitation_id', '=', invitationId).orderBy('created_at').execute();
}

export async function setEnqueuedAt(db: Db, id: string, at: Date | null): Promise<void> {
  await db.updateTable('submissions').set({ enqueued_at: at }).where('id', '=', id).execute();
}

/**
 * A worker takes the submission: running, one more attempt. Refused (undefined)
 * when it is already finished, so a duplicate delivery never re-judges.
 */
export async function claimSubmission(db: Db, id: string, worker: string): Promise<SubmissionRow | undefined> {
  const now = new Date();
  return db
    .updateTable('submissions')
    .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), started_at: now, heartbeat_at: now, worker, verdict: null, message: null }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running', 'scoring'])
    .returningAll()
    .executeTakeFirst();
}

export async function heartbeat(db: Db, id: string): Promise<void> {
  await db.updateTable('submissions').set({ heartbeat_at: new Date() }).where('id', '=', id).where('status', 'in', ['running', 'scoring']).execute();
}

export async function setStatus(
  db: Db,
  id: string,
  status: SubmissionStatus,
  extra: { verdict?: Verdict | null; message?: string | null; finished?: boolean } = {},
): Promise<void> {
  await db
    .updateTable('submissions')
    .set({
      status,
      ...(extra.verdict !== undefined && { verdict: extra.verdict }),
      ...(extra.message !== undefined && { message: extra.message }),
      ...(extra.finished && { finished_at: new Date() }),
      ...(status === 'queued' && { heartbeat_at: null }),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Unfinished submissions nobody has touched for `staleMs`: queued and never
 * (or long ago) enqueued, or running/scoring with a stale heartbeat.
 */
export async function findStuckSubmissions(db: Db, staleMs: number, limit = 1000): Promise<SubmissionMeta[]> {
  const before = new Date(Date.now() - staleMs);
  return db
    .selectFrom('submissions')
    .select(SUMMARY_COLUMNS)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb.or([eb('enqueued_at', 'is', null), eb('enqueued_at', '<', before)])]),
        eb.and([eb('status', 'in', ['running', 'scoring']), eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', before)])]),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
