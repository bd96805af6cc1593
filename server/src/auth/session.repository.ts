import type { Db } from '../db/db';
import type { UserRow } from '../users/user.table';
import type { SessionRow } from './session.table';

export async function insertSession(db: Db, row: Pick<SessionRow, 'token_hash' | 'user_id' | 'expires_at' | 'user_agent' | 'ip'>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The live session of this token hash with its user, or undefined (unknown, expired, revoked, user disabled). */
export async function findLiveSession(db: Db, tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select(['users.email', 'users.name', 'users.role', 'users.password_hash', 'users.disabled_at', 'users.created_at as user_created_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', new Date())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { email, name, role, password_hash, disabled_at, user_created_at, ...session } = row;
  return { session, user: { id: session.user_id, email, name, role, password_hash, disabled_at, created_at: user_created_at } };
}

export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a user (disabled, password or role changed). @returns the token hashes of those that were live */
export async function revokeUserSessions(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('token_hash')
    .execute();
  return rows.map((r) => r.token_hash);
}
