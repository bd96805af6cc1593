import type { Principal } from '../auth/auth.principal';
import { findLiveSession } from '../auth/session.repository';
import type { Db } from '../db/db';
import { findInvitation } from '../invitations/invitation.repository';
import { assertCandidateCanRead, candidateReadableUntil } from '../invitations/invitation.rules';
import { AppError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { credentialRoom } from './live.revoke';
import type { LiveSocket } from './live.socket';

/** Re-check at least this often, whatever the expiry (and below setTimeout's 24.8-day ceiling). */
const MAX_RECHECK_MS = 24 * 3_600_000;
/** A lapse is strict (`now > end`): checking a moment after it avoids re-arming at the very instant. */
const AFTER_LAPSE_MS = 1_000;
/** When the database cannot answer, the socket keeps its access and asks again this much later. */
const RETRY_MS = 60_000;

/** The principal as its credential stands now; an AppError when it no longer holds. */
async function currentPrincipal(db: Db, principal: Principal): Promise<Principal> {
  if (principal.kind === 'staff') {
    const live = await findLiveSession(db, principal.sessionTokenHash);
    if (!live) throw new AppError('UNAUTHENTICATED', 'Your session has ended.');
    return { ...principal, user: live.user, sessionExpiresAt: live.session.expires_at };
  }
  const invitation = await findInvitation(db, principal.invitation.id);
  if (!invitation) throw new AppError('UNAUTHENTICATED', 'This invitation link is not valid.');
  assertCandidateCanRead(invitation);
  return { kind: 'candidate', invitation };
}

/** When the credential lapses by itself if nothing changes. */
function lapsesAt(principal: Principal): Date {
  return principal.kind === 'staff' ? principal.sessionExpiresAt : candidateReadableUntil(principal.invitation);
}

/**
 * Keeps a connected socket's access in step with its credential: joins the
 * credential's room (where revocations reach it from any API process), then
 * checks the credential again, since a revocation between the connection's
 * check and the join reached no room; and again when it would lapse by itself
 * (session expiry, the end of a candidate's results window). A credential that
 * no longer holds ends the socket.
 */
export async function guardSocket(socket: LiveSocket, db: Db, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  socket.once('disconnect', () => clearTimeout(timer));
  const arm = (ms: number) => {
    if (!socket.connected) return;
    timer = setTimeout(() => void check(), Math.min(Math.max(ms, 0), MAX_RECHECK_MS));
    timer.unref();
  };
  const check = async () => {
    try {
      socket.data.principal = await currentPrincipal(db, socket.data.principal);
    } catch (err) {
      if (err instanceof AppError) return void socket.disconnect(true);
      logger.warn({ err: (err as Error).message }, 'socket credential re-check failed');
      return arm(RETRY_MS);
    }
    arm(lapsesAt(socket.data.principal).getTime() - Date.now() + AFTER_LAPSE_MS);
  };
  await socket.join(credentialRoom(socket.data.principal));
  await check();
}
