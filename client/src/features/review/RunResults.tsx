import type { Run, Verdict } from '@assay/shared';
import { Badge, VerdictBadge as UiVerdictBadge } from '../../ui';

/** The design system's verdict badge, or "pending" before a run finished. */
export function VerdictBadge({ verdict }: { verdict: Verdict | null }) {
  return verdict ? <UiVerdictBadge verdict={verdict} /> : <Badge>pending</Badge>;
}

/** Verdict, visible tests, hidden checks and the program's capped output of one run. */
export function RunResults({ run }: { run: Run | undefined }) {
  if (!run) return <p className="muted">Not judged yet.</p>;
  return (
    <div className="run">
      <p>
        <VerdictBadge verdict={run.verdict} /> attempt {run.attempt}
        {run.message && <span className="run-message"> · {run.message.split('\n')[0]}</span>}
      </p>
      {run.internalError && <p className="callout callout-warning">Platform fault (not the candidate's): {run.internalError}</p>}
      <div className="two-col">
        <table className="table compact">
          <caption>Visible tests ({run.tests.filter((t) => t.passed).length}/{run.tests.length} passed)</caption>
          <tbody>
            {run.tests.map((t) => (
              <tr key={t.name} data-passed={t.passed}>
                <td>{t.skipped ? '○' : t.passed ? '✓' : '✗'}<span className="sr-only">{t.passed ? 'passed' : 'failed'}</span></td>
                <td>{t.name}{t.message && !t.passed && <div className="muted small">{t.message}</div>}</td>
                <td className="num">{t.durationMs !== undefined ? `${Math.round(t.durationMs)} ms` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table compact">
          <caption>Hidden checks ({run.checks.filter((c) => c.passed).length}/{run.checks.length} passed)</caption>
          <tbody>
            {run.checks.map((c) => (
              <tr key={c.name} data-passed={c.passed}>
                <td>{c.passed ? '✓' : '✗'}<span className="sr-only">{c.passed ? 'passed' : 'failed'}</span></td>
                <td>{c.name}{c.detail && <div className="muted small">{c.detail}</div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {run.output.length > 0 && (
        <details className="output">
          <summary>Program output ({run.output.length} runs, capped)</summary>
          {run.output.map((o, i) => (
            <div key={i}>
              <h5>{o.source === 'tests' ? 'visible tests' : `trial ${(o.trial ?? 0) + 1}`} · {o.outcome}{o.exitCode !== null ? ` (exit ${o.exitCode})` : ''}</h5>
              {(['stdout', 'stderr'] as const).map((stream) =>
                o[stream].bytes > 0 ? (
                  <pre key={stream} className={`out out-${stream}`} tabIndex={0} aria-label={`${stream}`}>
                    {o[stream].text}
                    {o[stream].truncated && `\n… (${o[stream].bytes.toLocaleString('en')} bytes in total, cut)`}
                  </pre>
                ) : null,
              )}
            </div>
          ))}
        </details>
      )}
    </div>
  );
}
