import { clockOffsetMs, formatRemaining, remainingMs, warningsCrossed } from './clock';

it('corrects a wrong local clock with the server time and half the round trip', () => {
  // The local clock is 5 minutes behind; the request took 200 ms.
  const sentAt = Date.parse('2026-12-02T10:00:00.000Z');
  const offset = clockOffsetMs('2026-12-02T10:05:00.100Z', sentAt, sentAt + 200);
  expect(offset).toBe(300_000);
  // Half the round trip after the server's stamp, its clock reads 10:05:00.200.
  expect(remainingMs('2026-12-02T11:05:00.200Z', offset, sentAt + 200)).toBe(3_600_000);
});

it('formats minutes and hours, never below zero', () => {
  expect([formatRemaining(3_599_001), formatRemaining(3_723_000), formatRemaining(59_000), formatRemaining(-5)]).toEqual(['1:00:00', '1:02:03', '0:59', '0:00']);
});

it('names each warning once, when its threshold is crossed', () => {
  expect(warningsCrossed(600_500, 599_500)).toEqual([600_000]);
  expect(warningsCrossed(599_500, 598_500)).toEqual([]);
  expect(warningsCrossed(700_000, 100_000)).toEqual([600_000, 120_000]);
});
