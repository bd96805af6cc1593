import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { consumeRateLimit } from '../src/http/rate-limit';

/** The limiter against a real Redis, with the clock passed in so a window boundary can be crossed on purpose. */
describe('consumeRateLimit on Redis', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  });
  afterAll(() => redis.quit());

  const rule = () => ({ name: `test-${randomUUID()}`, limit: 10, windowMs: 60_000 });
  const outcome = (p: Promise<void>) => p.then(() => 'ok', (err: { code?: string; details?: { retryAfterSec: number } }) => `${err.code}:${err.details?.retryAfterSec}`);

  it('allows the limit, then refuses with the seconds to wait', async () => {
    const r = rule();
    const t0 = 1_000 * 60_000 + 30_000; // half way through a window
    for (let i = 0; i < 10; i++) expect(await outcome(consumeRateLimit(redis, r, 'k', undefined, t0 + i))).toBe('ok');
    // Full on its own: wait the rest of this window, then until 9 of 11 remain in the rolling count.
    expect(await outcome(consumeRateLimit(redis, r, 'k', undefined, t0 + 10))).toBe(`RATE_LIMITED:${Math.ceil(30 + 60 * (1 - 9 / 11))}`);
    // Another key is not affected.
    expect(await outcome(consumeRateLimit(redis, r, 'other', undefined, t0 + 11))).toBe('ok');
  });

  it('does not reset at a window boundary: a burst straddling it is refused', async () => {
    const r = rule();
    const boundary = 2_000 * 60_000;
    for (let i = 0; i < 10; i++) expect(await outcome(consumeRateLimit(redis, r, 'k', undefined, boundary - 100 + i))).toBe('ok');
    expect(await outcome(consumeRateLimit(redis, r, 'k', undefined, boundary + 50))).toMatch(/^RATE_LIMITED:\d+$/);
    // Once the previous window has faded, hits go through again.
    expect(await outcome(consumeRateLimit(redis, r, 'k', undefined, boundary + 59_000))).toBe('ok');
  });
});
