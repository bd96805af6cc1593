import type { Request, RequestHandler } from 'express';
import { CANDIDATE_AUTH_SCHEME, CSRF_HEADER, SESSION_COOKIE, type UserRole } from '@assay/shared';
import type { Db } from '../db/db';
import { findInvitationByTokenHash } from '../invitations/invitation.repository';
import { AppError } from '../platform/errors';
import type { UserRow } from '../users/user.table';
import type { InvitationRow } from '../invitations/invitation.table';
import './auth.principal';
import { csrfTokenFor, hashToken, sameSecret } from './auth.tokens';
import { findLiveSession } from './session.repository';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The invite token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme === CANDIDATE_AUTH_SCHEME && token ? token : undefined;
}

/**
 * Resolves the caller from a bearer invite token or the session cookie, and
 * enforces CSRF for cookie-authenticated state changes. A request with no
 * credential goes on anonymous; route guards decide what that may do.
 */
export function authenticate(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const token = bearerToken(auth);
      const invitation = token ? await findInvitationByTokenHash(db, hashToken(token)) : undefined;
      if (!invitation) throw new AppError('UNAUTHENTICATED', 'This invitation link is not valid.', { invite: 'unknown' });
      req.principal = { kind: 'candidate', invitation };
      return next();
    }
    const sessionToken = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!sessionToken) return next();
    const live = await findLiveSession(db, hashToken(sessionToken));
    if (!live) return next();
    const csrfToken = csrfTokenFor(sessionToken);
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, csrfToken)) {
        throw new AppError('FORBIDDEN', `Missing or wrong ${CSRF_HEADER} header (get it from GET /api/auth/me).`);
      }
    }
    req.principal = { kind: 'staff', user: live.user, sessionTokenHash: live.session.token_hash, csrfToken, sessionExpiresAt: live.session.expires_at };
    next();
  };
}

/** The staff user of the request, or 401/403. */
export function staffOf(req: Request, roles?: readonly UserRole[]): UserRow {
  const p = req.principal;
  if (!p) throw new AppError('UNAUTHENTICATED', 'Log in first.');
  if (p.kind !== 'staff') throw new AppError('FORBIDDEN', 'Candidates cannot use this endpoint.');
  if (roles && !roles.includes(p.user.role)) throw new AppError('FORBIDDEN', `Only ${roles.join(' or ')} accounts can do this.`);
  return p.user;
}

/** The candidate's invitation, or 401/403. */
export function candidateOf(req: Request): InvitationRow {
  const p = req.principal;
  if (!p) throw new AppError('UNAUTHENTICATED', 'Open your invitation link first.');
  if (p.kind !== 'candidate') throw new AppError('FORBIDDEN', 'This endpoint is for candidates.');
  return p.invitation;
}

/** Guard middleware: only staff (of the given roles) go on. */
export function requireStaff(...roles: UserRole[]): RequestHandler {
  return (req, _res, next) => {
    staffOf(req, roles.length ? roles : undefined);
    next();
  };
}

/** Guard middleware: only candidates go on. */
export const requireCandidate: RequestHandler = (req, _res, next) => {
  candidateOf(req);
  next();
};
