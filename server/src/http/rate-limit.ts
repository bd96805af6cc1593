import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '../platform/logger';
import { AppError } from '../platform/errors';

/**
 * A rolling limit: at most `limit` hits in any `windowMs`, estimated from two
 * fixed-window counters (the current window's, plus the previous one's
 * weighted by how much of it still lies within the last `windowMs`). Fixed
 * windows alone would allow twice the limit across a boundary.
 */
export interface RateLimitRule {
  /** Names the counter family in Redis ("ip", "login", "submissions"). */
  name: string;
  limit: number;
  /** @defaultValue 60 000 */
  windowMs?: number;
}

/** Hits in the last window, estimated: the previous window's count in proportion to its share still inside. */
export function rollingCount(previous: number, current: number, elapsedShare: number): number {
  return current + previous * (1 - elapsedShare);
}

/**
 * How long until one more hit would be allowed, in ms, for counts that
 * already include the refused hit. Within the current window the previous
 * window's weight must fall enough; if the current window alone is full, its
 * count must first become the previous one and then fade.
 */
export function retryAfterMs(limit: number, previous: number, current: number, elapsedShare: number, windowMs: number): number {
  const room = limit - 1; // hits the next one may join
  if (current <= room) {
    const share = previous > 0 ? 1 - (room - current) / previous : elapsedShare;
    return Math.max(0, share - elapsedShare) * windowMs;
  }
  const nextShare = current > 0 ? Math.max(0, 1 - room / current) : 0;
  return (1 - elapsedShare + nextShare) * windowMs;
}

/**
 * Counts one hit for `key` and throws RATE_LIMITED (429) past the limit.
 * Refused hits count too: a client that keeps hammering stays refused.
 * Counters live in Redis so every API process shares them. If Redis does not
 * answer, the request goes through: an outage of the limiter must not become
 * an outage of the API (the queue would be down anyway and say so).
 */
export async function consumeRateLimit(redis: Redis, rule: RateLimitRule, key: string, log?: Logger, now = Date.now()): Promise<void> {
  const windowMs = rule.windowMs ?? 60_000;
  const window = Math.floor(now / windowMs);
  const elapsedShare = (now - window * windowMs) / windowMs;
  const keyOf = (w: number) => `assay:rl:${rule.name}:${key}:${w}`;
  let current: number;
  let previous: number;
  try {
    const results = await redis.multi().incr(keyOf(window)).pexpire(keyOf(window), windowMs * 2).get(keyOf(window - 1)).exec();
    current = Number(results?.[0]?.[1] ?? 0);
    previous = Number(results?.[2]?.[1] ?? 0);
  } catch (err) {
    log?.warn({ err: (err as Error).message, rule: rule.name }, 'rate limiter unavailable; letting the request through');
    return;
  }
  if (rollingCount(previous, current, elapsedShare) > rule.limit) {
    const retryAfterSec = Math.max(1, Math.ceil(retryAfterMs(rule.limit, previous, current, elapsedShare, windowMs) / 1000));
    throw new AppError('RATE_LIMITED', 'Too many requests: slow down and try again shortly.', { retryAfterSec });
  }
}

/** Middleware form of `consumeRateLimit`, keyed by `keyOf(req)` (no key: not limited). */
export function rateLimit(redis: Redis, rule: RateLimitRule, keyOf: (req: Request) => string | undefined, log?: Logger): RequestHandler {
  return async (req, res, next) => {
    const key = keyOf(req);
    if (key === undefined) return next();
    try {
      await consumeRateLimit(redis, rule, key, log);
      next();
    } catch (err) {
      const retry = (err as AppError).details as { retryAfterSec?: number } | undefined;
      if (retry?.retryAfterSec) res.setHeader('Retry-After', String(retry.retryAfterSec));
      next(err);
    }
  };
}
