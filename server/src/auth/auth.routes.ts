import { Router, type CookieOptions } from 'express';
import type { Redis } from 'ioredis';
import { LoginBodySchema, SESSION_COOKIE, type SessionInfo } from '@assay/shared';
import type { Config } from '../app/config';
import type { Db } from '../db/db';
import { consumeRateLimit } from '../http/rate-limit';
import { parseInput } from '../http/validate';
import { AppError } from '../platform/errors';
import { findUserByEmail } from '../users/user.repository';
import type { UserRow } from '../users/user.table';
import { toUser } from '../users/user.view';
import { staffOf } from './auth.middleware';
import { verifyAgainstDummy, verifyPassword } from './auth.password';
import { csrfTokenFor, hashToken, newToken } from './auth.tokens';
import type { LiveRevocations } from '../live/live.revoke';
import { insertSession } from './session.repository';
import { endSession } from './session.service';

/** Failed and successful logins per email and per IP per 15 minutes. */
const LOGIN_LIMIT = { limit: 10, windowMs: 15 * 60_000 };

function sessionInfo(user: UserRow, csrfToken: string, expiresAt: Date): SessionInfo {
  return { user: toUser(user), csrfToken, expiresAt: expiresAt.toISOString() };
}

/** Login, logout and "who am I" for staff. */
export function authRoutes(deps: { db: Db; redis: Redis; config: Config; revocations: LiveRevocations }): Router {
  const { db, redis, config, revocations } = deps;
  const router = Router();
  const cookie = (maxAge?: number): CookieOptions => ({ httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/', ...(maxAge && { maxAge }) });

  router.post('/login', async (req, res) => {
    const body = parseInput(LoginBodySchema, req.body);
    await consumeRateLimit(redis, { name: 'login-ip', ...LOGIN_LIMIT }, req.ip ?? 'unknown', req.log);
    await consumeRateLimit(redis, { name: 'login-email', ...LOGIN_LIMIT }, body.email, req.log);
    const user = await findUserByEmail(db, body.email);
    const ok = user && !user.disabled_at ? await verifyPassword(user.password_hash, body.password) : await verifyAgainstDummy(body.password);
    if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');
    const token = newToken();
    const expiresAt = new Date(Date.now() + config.sessionTtlMs);
    await insertSession(db, { token_hash: hashToken(token), user_id: user.id, expires_at: expiresAt, user_agent: req.get('user-agent')?.slice(0, 300) ?? null, ip: req.ip ?? null });
    res.cookie(SESSION_COOKIE, token, cookie(config.sessionTtlMs));
    res.json(sessionInfo(user, csrfTokenFor(token), expiresAt));
  });

  router.post('/logout', async (req, res) => {
    const p = req.principal;
    if (p?.kind === 'staff') await endSession(db, revocations, p.sessionTokenHash);
    res.clearCookie(SESSION_COOKIE, cookie());
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    const user = staffOf(req);
    const p = req.principal as Extract<NonNullable<typeof req.principal>, { kind: 'staff' }>;
    res.json(sessionInfo(user, p.csrfToken, p.sessionExpiresAt));
  });
  return router;
}
