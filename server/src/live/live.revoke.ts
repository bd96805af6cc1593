import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Principal } from '../auth/auth.principal';
import type { Logger } from '../platform/logger';

/**
 * Private rooms a socket joins at connection, named after its credential, so
 * that withdrawing the credential can reach the socket. Server-side only:
 * no client event can join them (subscriptions join UUID-named rooms).
 */
export const credentialRooms = {
  session: (tokenHash: string) => `session:${tokenHash}`,
  invitation: (invitationId: string) => `invitation:${invitationId}`,
};

export function credentialRoom(principal: Principal): string {
  return principal.kind === 'staff' ? credentialRooms.session(principal.sessionTokenHash) : credentialRooms.invitation(principal.invitation.id);
}

/**
 * Disconnects the open sockets of withdrawn credentials on every API process:
 * the request goes out on the socket.io Redis adapter's request channel, and
 * each process's adapter closes its own sockets in the room. Best effort like
 * live events: the database revocation is what counts, and a socket that
 * misses this request is still closed when it next re-checks its credential.
 */
export class LiveRevocations {
  private readonly emitter: Emitter;

  constructor(redis: Redis, logger: Logger) {
    // The emitter publishes without awaiting: a rejection must be logged, not end the process.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        redis.publish(channel, message).catch((err: Error) => logger.warn({ err: err.message }, 'socket disconnect request not published')),
    };
    this.emitter = new Emitter(publisher);
  }

  /** Staff sessions revoked (logout, sessions ended by an admin, account changed). */
  sessions(tokenHashes: readonly string[]): void {
    if (tokenHashes.length) this.emitter.in(tokenHashes.map(credentialRooms.session)).disconnectSockets(true);
  }

  /** A candidate's invitation withdrawn. */
  invitation(invitationId: string): void {
    this.emitter.in(credentialRooms.invitation(invitationId)).disconnectSockets(true);
  }
}
