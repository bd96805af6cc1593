import type { Db } from '../db/db';
import type { LiveRevocations } from '../live/live.revoke';
import { revokeSession, revokeUserSessions } from './session.repository';

/*
 * Revoking a session also closes its open sockets, on every API process:
 * access over socket.io is otherwise checked only when a socket connects or subscribes.
 */

/** Logout: ends one session. */
export async function endSession(db: Db, revocations: LiveRevocations, tokenHash: string): Promise<void> {
  await revokeSession(db, tokenHash);
  revocations.sessions([tokenHash]);
}

/** Ends every live session of a user. @returns how many there were */
export async function endUserSessions(db: Db, revocations: LiveRevocations, userId: string): Promise<number> {
  const tokenHashes = await revokeUserSessions(db, userId);
  revocations.sessions(tokenHashes);
  return tokenHashes.length;
}
