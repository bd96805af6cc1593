import type { ReactNode } from 'react';
import type { SubmissionStatus, Verdict } from '@assay/shared';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A small coloured label. Colour is never the only signal: the text says it. */
export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return <span className={`badge badge-${tone}`} title={title}>{children}</span>;
}

/** Human names of verdicts, for candidates and staff alike. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  ACCEPTED: 'Accepted',
  WRONG_ANSWER: 'Wrong answer',
  TIME_LIMIT: 'Time limit exceeded',
  MEMORY_LIMIT: 'Memory limit exceeded',
  RUNTIME_ERROR: 'Runtime error',
  OUTPUT_LIMIT: 'Output limit exceeded',
  INTERNAL_ERROR: 'Platform error',
};

const VERDICT_TONES: Record<Verdict, Tone> = {
  ACCEPTED: 'success',
  WRONG_ANSWER: 'danger',
  TIME_LIMIT: 'warning',
  MEMORY_LIMIT: 'warning',
  RUNTIME_ERROR: 'danger',
  OUTPUT_LIMIT: 'warning',
  INTERNAL_ERROR: 'neutral',
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <Badge tone={VERDICT_TONES[verdict]}>{VERDICT_LABELS[verdict]}</Badge>;
}

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  scoring: 'Scoring',
  done: 'Done',
  failed: 'Failed',
};

const STATUS_TONES: Record<SubmissionStatus, Tone> = { queued: 'neutral', running: 'info', scoring: 'info', done: 'success', failed: 'danger' };

export function StatusBadge({ status }: { status: SubmissionStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
