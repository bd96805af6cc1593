import type { RunOutcome } from './sandbox.types';

/**
 * The life of one run. Each step may only follow the one before it, so a late
 * timer or a second kill cannot rewrite what happened:
 *
 *   NEW ─► CREATED ─► STARTED ─┬─► EXITED ─┬─► COLLECTED
 *                              └─► KILLED ─┘
 *
 * Cleanup (removing every container) runs in `finally` whatever the state.
 */
export type RunState = 'NEW' | 'CREATED' | 'STARTED' | 'EXITED' | 'KILLED' | 'COLLECTED';

const NEXT: Record<RunState, RunState[]> = {
  NEW: ['CREATED'],
  CREATED: ['STARTED'],
  STARTED: ['EXITED', 'KILLED'],
  EXITED: ['COLLECTED'],
  KILLED: ['COLLECTED'],
  COLLECTED: [],
};

/** Outcomes the runner imposes by killing the container. */
export type KillReason = Extract<RunOutcome, 'TIME_LIMIT' | 'OUTPUT_LIMIT' | 'STOPPED' | 'INTERNAL_ERROR'>;

export class RunLifecycle {
  private current: RunState = 'NEW';
  private reason: KillReason | null = null;
  private reasonDetail: string | undefined;

  get state(): RunState {
    return this.current;
  }

  /** Why the runner killed the candidate, if it did (the first reason wins). */
  get killReason(): KillReason | null {
    return this.reason;
  }

  get killDetail(): string | undefined {
    return this.reasonDetail;
  }

  to(next: RunState): void {
    if (!NEXT[this.current].includes(next)) throw new Error(`Sandbox run cannot go from ${this.current} to ${next}`);
    this.current = next;
  }

  /** Records a kill decision; returns false when the run is past the point where one matters. */
  decideKill(reason: KillReason, detail?: string): boolean {
    if (this.current !== 'STARTED' || this.reason) return false;
    this.reason = reason;
    this.reasonDetail = detail;
    return true;
  }

  /** The kill found the container already stopped: it ended by itself, the decision did not happen. */
  withdrawKill(): void {
    if (this.current === 'STARTED') this.reason = null;
  }
}
