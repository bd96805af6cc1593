import type { RecordActivityBody } from '@assay/shared';
import { ApiError } from '../../api/http';

type ActivityInput = RecordActivityBody['events'][number];

/**
 * Batches the page's activity events (paste sizes, focus lost/regained) and
 * sends them every few seconds; what could not be sent stays queued. DOM-free:
 * the workspace wires window events to `add`.
 */
export class ActivityReporter {
  private queue: ActivityInput[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending = false;

  constructor(private readonly send: (body: RecordActivityBody, opts: { keepalive?: boolean }) => Promise<void>, private readonly delayMs = 2_000) {}

  add(event: Omit<ActivityInput, 'at'>): void {
    this.queue.push({ ...event, at: new Date().toISOString() });
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Sends what is queued (with `keepalive` when the page is going away). */
  async flush(opts: { keepalive?: boolean } = {}): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending || this.queue.length === 0) return;
    const batch = this.queue.splice(0, 100);
    this.sending = true;
    try {
      await this.send({ events: batch }, opts);
    } catch (err) {
      // Offline: try again later. Refused (finished, past the deadline): there is nothing to retry.
      if (!(err instanceof ApiError) || err.isNetwork) {
        this.queue.unshift(...batch);
        this.timer ??= setTimeout(() => void this.flush(), this.delayMs * 3);
      }
    } finally {
      this.sending = false;
    }
  }

  /** Stops the pending flush; events added later schedule their own (StrictMode remounts the effect). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * One focus_lost / focus_regained pair per real change. Leaving the tab fires
 * both the window's blur and a visibilitychange (and coming back both focus
 * and visibilitychange): the page reports each signal here, and only a
 * change of state is passed on. DOM-free.
 */
export class FocusTracker {
  private away = false;

  constructor(private readonly report: (kind: 'focus_lost' | 'focus_regained') => void) {}

  /** The window lost focus or the page was hidden. */
  lost(): void {
    if (this.away) return;
    this.away = true;
    this.report('focus_lost');
  }

  /** The window got focus back or the page became visible. */
  back(): void {
    if (!this.away) return;
    this.away = false;
    this.report('focus_regained');
  }
}
