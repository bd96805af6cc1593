import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '../platform/logger';
import { AppError } from '../platform/errors';

/** A fixed-window limit: at most `limit` hits per `windowMs` per key. */
export interface RateLimitRule {
  /** Names the counter family in Redis ("ip", "login", "submissions"). */
  name: string;
  limit: number;
  /** @defaultValue 60 000 */
  windowMs?: number;
}

/**
 * Counts one hit for `key` and throws RATE_LIMITED (429) past the limit.
 * Counters live in Redis so every API process shares them. If Redis does not
 * answer, the request goes through: an outage of the limiter must not become
 * an outage of the API (the queue would be down anyway and say so).
 */
export async function consumeRateLimit(redis: Redis, rule: RateLimitRule, key: string, log?: Logger): Promise<void> {
  const windowMs = rule.windowMs ?? 60_000;
  const window = Math.floor(Date.now() / windowMs);
  const redisKey = `assay:rl:${rule.name}:${key}:${window}`;
  let count: number;
  try {
    const results = await redis.multi().incr(redisKey).pexpire(redisKey, windowMs * 2).exec();
    count = Number(results?.[0]?.[1] ?? 0);
  } catch (err) {
    log?.warn({ err: (err as Error).message, rule: rule.name }, 'rate limiter unavailable; letting the request through');
    return;
  }
  if (count > rule.limit) {
    const retryAfterSec = Math.max(1, Math.ceil(((window + 1) * windowMs - Date.now()) / 1000));
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
