import { retryAfterMs, rollingCount } from './rate-limit';

describe('rollingCount', () => {
  it('counts the previous window in proportion to the share of it still inside the last window', () => {
    expect(rollingCount(10, 0, 0)).toBe(10);
    expect(rollingCount(10, 2, 0.5)).toBe(7);
    expect(rollingCount(10, 2, 1)).toBe(2);
  });

  it('refuses a burst that straddles a window boundary (fixed windows would allow twice the limit)', () => {
    // Ten hits just before the boundary, then the first one just after it.
    expect(rollingCount(10, 1, 0.01) > 10).toBe(true);
  });
});

describe('retryAfterMs', () => {
  const windowMs = 60_000;

  it('waits for the previous window to fade when the current one has room', () => {
    // Limit 10; 6 hits in the previous window, 5 in this one (the refused hit included), 10 % in: 5 + 6 × 0.9 > 10.
    // The next hit makes 6 here, so the previous window's weight must fall to 4 of its 6: share 1 - 4/6.
    const wait = retryAfterMs(10, 6, 5, 0.1, windowMs);
    expect(wait).toBeCloseTo((1 - 4 / 6 - 0.1) * windowMs, 6);
    // One more hit then fits: 6 + 6 × (1 - share) ≤ 10.
    const share = 0.1 + wait / windowMs;
    expect(rollingCount(6, 6, share)).toBeLessThanOrEqual(10);
  });

  it('waits into the next window when the current one alone is full', () => {
    const wait = retryAfterMs(10, 0, 11, 0.25, windowMs);
    const nextShare = 1 - 9 / 11;
    expect(wait).toBeCloseTo((0.75 + nextShare) * windowMs, 6);
    expect(rollingCount(11, 1, nextShare)).toBeLessThanOrEqual(10);
    expect(rollingCount(11, 1, nextShare - 0.01)).toBeGreaterThan(10);
  });

  it('is never negative', () => {
    expect(retryAfterMs(10, 1, 1, 0.99, windowMs)).toBe(0);
  });
});
