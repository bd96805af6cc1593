import type { CandidateSees, CandidateSubmission, SubmissionEvent, SubmissionSummary } from '@assay/shared';

/**
 * What of a judged result a candidate may see, one rule for every way they
 * can read it (REST summaries and details, live events, subscribe
 * snapshots). `visibility` is the assessment's `candidateSees` for a final
 * submission and `score` for a test run (see `findResultVisibility`).
 *
 * Only the judgement is withheld: the verdict of a finished run (and its
 * message, which explains the verdict), the score, the latency summary the
 * score is computed from, and the judge's progress lines (they name each
 * trial's verdict and, at the end, the total). Status, the visible-test
 * results (the same practice tests the candidate can run themselves) and
 * memory samples stay, so the candidate can follow their submission. A platform
 * fault (`failed`, INTERNAL_ERROR) says nothing about their code and stays
 * visible, so they know it is not held against them.
 */
export function candidateSummary<T extends SubmissionSummary | CandidateSubmission>(summary: T, visibility: CandidateSees): T {
  if (visibility === 'score' || summary.status === 'failed') return summary;
  return { ...summary, score: null, ...(visibility === 'nothing' && { verdict: null, message: null }) };
}

/** The event as the candidate may receive it; undefined: not for them at all. */
export function candidateEvent(event: SubmissionEvent, visibility: CandidateSees): SubmissionEvent | undefined {
  if (visibility === 'score') return event;
  switch (event.type) {
    case 'score':
    case 'latency':
    case 'progress':
      return undefined;
    case 'status':
      return visibility === 'nothing' && event.status !== 'failed' ? { ...event, verdict: null, message: event.status === 'queued' ? event.message : null } : event;
    default:
      return event;
  }
}
