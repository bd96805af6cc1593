/**
 * The countdown never trusts the candidate's clock alone: the server's time
 * at answering, corrected by half the round trip, gives an offset added to
 * the local clock from then on. DOM-free.
 */
export function clockOffsetMs(serverTime: string, sentAt: number, receivedAt: number): number {
  const server = Date.parse(serverTime);
  return server - (sentAt + (receivedAt - sentAt) / 2);
}

/** Milliseconds left until `deadlineAt` on the server's clock. */
export function remainingMs(deadlineAt: string, offsetMs: number, localNow = Date.now()): number {
  return Date.parse(deadlineAt) - (localNow + offsetMs);
}

/** "59:58", "1:02:03"; never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Warnings shown once each as the deadline comes near. */
export const DEADLINE_WARNINGS_MS = [10 * 60_000, 2 * 60_000] as const;

/** The warning thresholds crossed between two readings (largest first). */
export function warningsCrossed(previousMs: number, nowMs: number): number[] {
  return DEADLINE_WARNINGS_MS.filter((w) => previousMs > w && nowMs <= w);
}
