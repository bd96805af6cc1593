import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { parse as parseCookie } from 'cookie';
import { Server, type Socket } from 'socket.io';
import {
  IdSchema, SESSION_COOKIE, liveRooms,
  type ClientToServerEvents, type ErrorCode, type ServerToClientEvents,
} from '@assay/shared';
import { canAccessAssessment } from '../assessments/assessment.service';
import { findAssessment } from '../assessments/assessment.repository';
import type { Principal } from '../auth/auth.principal';
import { hashToken } from '../auth/auth.tokens';
import { findLiveSession } from '../auth/session.repository';
import type { Db } from '../db/db';
import { findInvitationByTokenHash } from '../invitations/invitation.repository';
import { assertCandidateCanRead } from '../invitations/invitation.rules';
import { AppError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { createRedis } from '../platform/redis';
import { findSubmissionMeta } from '../submissions/submission.repository';
import { guardSocket } from './live.access';
import type { LiveLog } from './live.log';
import { submissionSnapshot } from './live.snapshot';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

const refusal = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

/** Who opens the socket: a candidate's `auth.token`, else the staff session cookie. */
async function principalOf(db: Db, socket: LiveSocket): Promise<Principal> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && token) {
    const invitation = await findInvitationByTokenHash(db, hashToken(token));
    if (!invitation) throw new AppError('UNAUTHENTICATED', 'This invitation link is not valid.');
    assertCandidateCanRead(invitation);
    return { kind: 'candidate', invitation };
  }
  const cookie = socket.handshake.headers.cookie;
  const sessionToken = cookie ? parseCookie(cookie)[SESSION_COOKIE] : undefined;
  const live = sessionToken ? await findLiveSession(db, hashToken(sessionToken)) : undefined;
  if (!live) throw new AppError('UNAUTHENTICATED', 'Log in or open your invitation link first.');
  return { kind: 'staff', user: live.user, sessionTokenHash: live.session.token_hash, csrfToken: '', sessionExpiresAt: live.session.expires_at };
}

/** A browser page from another site must not open a socket with our cookie (cross-site WebSocket hijacking). */
function sameOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser, or same-origin polling
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The socket.io server: Redis adapter (events reach clients on any API
 * process), authenticated connections that end when their credential does
 * (see `guardSocket`), and rooms joined only after an access check, each
 * answering with the current state.
 */
export function attachLive(server: http.Server, deps: { db: Db; redisUrl: string; log: LiveLog; logger: Logger }): { io: LiveServer; close(): Promise<void> } {
  // Connections of their own that queue commands while (re)connecting: the
  // subscriber must (re)subscribe whenever Redis comes back.
  const pub = createRedis(deps.redisUrl, { blocking: true });
  const sub = createRedis(deps.redisUrl, { blocking: true });
  for (const c of [pub, sub]) c.on('error', (err) => deps.logger.warn({ err: err.message }, 'socket.io redis adapter connection error'));
  const io: LiveServer = new Server(server, {
    serveClient: false,
    adapter: createAdapter(pub, sub),
    allowRequest: (req, callback) => callback(null, sameOrigin(req)),
  });

  io.use(async (socket, next) => {
    try {
      socket.data.principal = await principalOf(deps.db, socket);
      next();
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL_ERROR', 'Could not authenticate.');
      next(Object.assign(new Error(e.message), { data: { code: e.code } }));
    }
  });

  io.on('connection', (socket) => {
    const { principal } = socket.data;
    guardSocket(socket, deps.db, deps.logger).catch((err: Error) => deps.logger.error({ err: err.message }, 'socket guard failed'));
    socket.on('submission:subscribe', async (submissionId, ack) => {
      if (typeof ack !== 'function') return;
      try {
        if (!IdSchema.safeParse(submissionId).success) return ack(refusal('VALIDATION_FAILED', 'submissionId must be a UUID.'));
        const row = await findSubmissionMeta(deps.db, submissionId);
        const allowed = row && (principal.kind === 'candidate'
          ? row.invitation_id === principal.invitation.id
          : await findAssessment(deps.db, row.assessment_id).then((a) => !!a && canAccessAssessment(principal.user, a)));
        if (!allowed) return ack(refusal('NOT_FOUND', 'No such submission.'));
        // A candidate's room only ever gets the candidate's view of each event (see LivePublisher).
        await socket.join(principal.kind === 'candidate' ? liveRooms.candidateSubmission(submissionId) : liveRooms.submission(submissionId));
        const snapshot = await submissionSnapshot(deps.db, deps.log, submissionId, principal.kind);
        ack(snapshot ? { ok: true, snapshot } : refusal('NOT_FOUND', 'No such submission.'));
      } catch (err) {
        deps.logger.error({ err: (err as Error).message }, 'submission:subscribe failed');
        ack(refusal('INTERNAL_ERROR', 'Something went wrong on our side.'));
      }
    });
    socket.on('submission:unsubscribe', (submissionId) => {
      if (typeof submissionId !== 'string') return;
      void socket.leave(liveRooms.submission(submissionId));
      void socket.leave(liveRooms.candidateSubmission(submissionId));
    });
    socket.on('assessment:subscribe', async (assessmentId, ack) => {
      if (typeof ack !== 'function') return;
      try {
        if (principal.kind !== 'staff') return ack(refusal('FORBIDDEN', 'Only staff can watch an assessment.'));
        if (!IdSchema.safeParse(assessmentId).success) return ack(refusal('VALIDATION_FAILED', 'assessmentId must be a UUID.'));
        const assessment = await findAssessment(deps.db, assessmentId);
        if (!assessment || !canAccessAssessment(principal.user, assessment)) return ack(refusal('NOT_FOUND', 'No such assessment.'));
        await socket.join(liveRooms.assessment(assessmentId));
        ack({ ok: true });
      } catch (err) {
        deps.logger.error({ err: (err as Error).message }, 'assessment:subscribe failed');
        ack(refusal('INTERNAL_ERROR', 'Something went wrong on our side.'));
      }
    });
  });
  return {
    io,
    async close() {
      await io.close();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
