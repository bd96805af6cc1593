import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/db';
import type { InvitationRow, InvitationsTable } from './invitation.table';

export async function insertInvitation(db: Db, row: Insertable<InvitationsTable>): Promise<InvitationRow> {
  return db.insertInto('invitations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findInvitation(db: Db, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listInvitations(db: Db, assessmentId: string): Promise<InvitationRow[]> {
  return db.selectFrom('invitations').selectAll().where('assessment_id', '=', assessmentId).orderBy('created_at').execute();
}

export async function updateInvitation(db: Db, id: string, changes: Updateable<InvitationsTable>): Promise<InvitationRow | undefined> {
  return db.updateTable('invitations').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Sets start and deadline once: concurrent starts agree on the first. @returns the row after the call */
export async function markStarted(db: Db, id: string, startedAt: Date, deadlineAt: Date): Promise<InvitationRow> {
  await db.updateTable('invitations').set({ started_at: startedAt, deadline_at: deadlineAt }).where('id', '=', id).where('started_at', 'is', null).execute();
  return (await findInvitation(db, id))!;
}
