import { lazy, Suspense, useMemo } from 'react';
import { isFinalStatus, type MemorySample, type SubmissionStatus, type SubmissionSummary } from '@assay/shared';
import { useSubmissionLive } from '../../live/live.hooks';
import { Spinner, VerdictBadge } from '../../ui';

const MemoryChart = lazy(() => import('./MemoryChart').then((m) => ({ default: m.MemoryChart })));

const STEPS: { status: SubmissionStatus; label: string }[] = [
  { status: 'queued', label: 'Queued' },
  { status: 'running', label: 'Running' },
  { status: 'scoring', label: 'Scoring' },
  { status: 'done', label: 'Done' },
];

/** A final submission: live queued → running → scoring → done, the memory curve, then what the candidate may see. */
export function SubmissionProgress({ submissionId, memoryLimitMiB }: { submissionId: string; memoryLimitMiB: number | null }) {
  const live = useSubmissionLive(submissionId);
  const s = live.state?.submission;
  const samples = useMemo<MemorySample[]>(() => {
    // One trial's curve at a time: the latest candidate trial.
    const events = live.state?.events ?? [];
    const trials = events.filter((e) => e.type === 'sample' && e.role === 'candidate');
    const last = trials.at(-1);
    if (!last || last.type !== 'sample') return [];
    return trials.flatMap((e) => (e.type === 'sample' && e.trial === last.trial ? [e.sample] : []));
  }, [live.state?.events]);
  const progress = [...(live.state?.events ?? [])].reverse().find((e) => e.type === 'progress');
  if (live.error) return <p className="callout callout-danger" role="alert">Live progress is unavailable: {live.error.message}</p>;
  const current = s?.status ?? 'queued';
  const index = current === 'failed' ? -1 : current === 'done' ? STEPS.length : STEPS.findIndex((st) => st.status === current);
  return (
    <section className="submission-progress" aria-label="Submission">
      <ol className="steps" aria-hidden="true">
        {STEPS.map((st, i) => <li key={st.status} data-state={i < index ? 'done' : i === index ? 'current' : 'todo'}>{st.label}</li>)}
      </ol>
      <p role="status" className="submission-status" data-status={current}>
        {!s ? 'Connecting…' : statusText(s)}
        {s && !isFinalStatus(s.status) && <> <Spinner size="sm" label="" /></>}
        {progress && progress.type === 'progress' && s && !isFinalStatus(s.status) && <span className="muted"> · {progress.message}</span>}
      </p>
      {s && s.status === 'done' && <SubmissionOutcome s={s} />}
      {(samples.length > 0 || (s && s.status === 'running')) && (
        <Suspense fallback={<div className="chart-placeholder" />}>
          <MemoryChart samples={samples} limitMiB={memoryLimitMiB} />
        </Suspense>
      )}
    </section>
  );
}

function statusText(s: SubmissionSummary): string {
  switch (s.status) {
    case 'queued': return 'Queued: waiting for a free runner.';
    case 'running': return 'Running: your code is being measured against the reference.';
    case 'scoring': return 'Scoring: turning the measurements into points.';
    case 'done': return 'Done: your submission has been judged.';
    case 'failed': return 'The platform failed to judge this submission. It is not held against you; submit again or tell the hiring team.';
  }
}

/** What the assessment lets the candidate see: the score with its dimensions, the verdict only, or nothing. */
export function SubmissionOutcome({ s }: { s: SubmissionSummary }) {
  if (s.score) {
    return (
      <div className="outcome">
        <p className="outcome-total">{s.verdict && <VerdictBadge verdict={s.verdict} />} <strong>{Math.round(s.score.total)}</strong> / 100</p>
        <table className="table dims">
          <caption className="sr-only">Points per dimension</caption>
          <thead><tr><th scope="col">Dimension</th><th scope="col" className="num">Points</th></tr></thead>
          <tbody>
            {s.score.dimensions.map((d) => <tr key={d.name}><td>{d.name}</td><td className="num">{fmt(d.points)} / {fmt(d.max)}</td></tr>)}
          </tbody>
        </table>
      </div>
    );
  }
  if (s.verdict) return <p className="outcome"><VerdictBadge verdict={s.verdict} /> {s.verdict === 'ACCEPTED' ? 'Your solution passed the hidden checks.' : s.message ?? ''}</p>;
  return <p className="outcome muted">Your submission was received and judged. The hiring team will share the results with you.</p>;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
