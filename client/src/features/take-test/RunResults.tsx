import { useQuery } from '@tanstack/react-query';
import { isFinalStatus, type SubmissionSummary } from '@assay/shared';
import { fetchCandidateSubmission } from '../../api/candidate';
import { useSubmissionLive } from '../../live/live.hooks';
import { Badge, Spinner, StatusBadge, VerdictBadge } from '../../ui';

/** Visible-test results of a test run, streaming in one by one, then the program's output. */
export function RunResults({ token, submissionId }: { token: string; submissionId: string }) {
  const live = useSubmissionLive(submissionId);
  const s = live.state?.submission;
  const done = !!s && isFinalStatus(s.status);
  const detail = useQuery({
    queryKey: ['candidate', token, 'submission', submissionId],
    queryFn: ({ signal }) => fetchCandidateSubmission(token, submissionId, signal),
    enabled: done,
    meta: { auth: 'candidate' },
  });
  if (live.error) return <p className="callout callout-danger" role="alert">Live results are unavailable: {live.error.message}</p>;
  if (!s) return <p className="muted"><Spinner size="sm" label="" /> Connecting to the test run…</p>;
  const tests = detail.data?.tests.length ? detail.data.tests : s.tests;
  const passed = tests.filter((t) => t.passed).length;
  const output = detail.data?.output.filter((o) => o.source === 'tests') ?? [];
  return (
    <section className="run-results" aria-label="Test run results">
      <div className="run-head" role="status">
        <StatusBadge status={s.status} />
        {s.verdict && done && <VerdictBadge verdict={s.verdict} />}
        <span>{runHeadline(s, passed, tests.length)}</span>
      </div>
      {s.message && done && s.verdict !== 'ACCEPTED' && <pre className="run-message" tabIndex={0}>{s.message}</pre>}
      <ul className="test-list">
        {tests.map((t) => (
          <li key={t.name} data-passed={t.passed}>
            <Badge tone={t.skipped ? 'neutral' : t.passed ? 'success' : 'danger'}>{t.skipped ? 'Skipped' : t.passed ? 'Passed' : 'Failed'}</Badge>
            <span className="test-name">{t.name}</span>
            {t.durationMs !== undefined && <span className="muted">{Math.round(t.durationMs)} ms</span>}
            {t.message && !t.passed && <pre className="test-message" tabIndex={0}>{t.message}</pre>}
          </li>
        ))}
      </ul>
      {output.map((o, i) => (
        <details key={i} className="program-output" open={!!o.stderr.text && s.verdict !== 'ACCEPTED'}>
          <summary>Program output ({o.outcome.toLowerCase().replace(/_/g, ' ')}{o.exitCode !== null ? `, exit ${o.exitCode}` : ''})</summary>
          {o.stdout.text && <><h4>stdout</h4><pre tabIndex={0}>{o.stdout.text}{o.stdout.truncated ? '\n…(cut)' : ''}</pre></>}
          {o.stderr.text && <><h4>stderr</h4><pre tabIndex={0}>{o.stderr.text}{o.stderr.truncated ? '\n…(cut)' : ''}</pre></>}
          {!o.stdout.text && !o.stderr.text && <p className="muted">Your program printed nothing.</p>}
        </details>
      ))}
    </section>
  );
}

function runHeadline(s: SubmissionSummary, passed: number, total: number): string {
  if (s.status === 'queued') return 'Waiting for a free runner…';
  if (s.status === 'failed') return 'The platform could not run your tests. Try again.';
  if (!isFinalStatus(s.status)) return total ? `Running… ${passed} of ${total} passed so far` : 'Running the visible tests…';
  return total ? `${passed} of ${total} visible tests passed` : 'Finished';
}
