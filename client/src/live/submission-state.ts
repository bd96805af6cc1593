import type { SubmissionEvent, SubmissionSnapshot, SubmissionSummary } from '@assay/shared';

/** What a screen knows of one submission: the stored summary kept current by its live events. */
export interface SubmissionLiveState {
  submission: SubmissionSummary;
  /** Highest event seq applied; events at or below it are duplicates. */
  seq: number;
  /** Live events of the current attempt, in seq order (tests, samples, progress…). */
  events: SubmissionEvent[];
}

/** The state a (re)subscription starts from: the snapshot replaces whatever was known. */
export function fromSnapshot(snapshot: SubmissionSnapshot): SubmissionLiveState {
  return { submission: snapshot.submission, seq: snapshot.seq, events: snapshot.events };
}

/**
 * Applies one live event. Returns the same object for a duplicate (seq
 * already applied, e.g. redelivered around a reconnect), so callers can skip
 * a re-render. A gap (seq jumps) is accepted: the next snapshot fills it.
 */
export function applyEvent(state: SubmissionLiveState, event: SubmissionEvent): SubmissionLiveState {
  if (event.submissionId !== state.submission.id || event.seq <= state.seq) return state;
  let submission = state.submission;
  let events = [...state.events, event];
  switch (event.type) {
    case 'status':
      // A new attempt (a retry after a platform fault) starts its events afresh.
      if (event.attempt !== submission.attempt) events = [event];
      submission = {
        ...submission,
        status: event.status,
        attempt: event.attempt,
        verdict: event.verdict ?? submission.verdict,
        message: event.message ?? submission.message,
        tests: event.attempt !== submission.attempt ? [] : submission.tests,
      };
      break;
    case 'test':
      submission = { ...submission, tests: [...submission.tests.filter((t) => t.name !== event.test.name), event.test] };
      break;
    case 'score':
      submission = { ...submission, verdict: event.verdict, score: event.score };
      break;
    default:
      break;
  }
  return { submission, seq: event.seq, events };
}
