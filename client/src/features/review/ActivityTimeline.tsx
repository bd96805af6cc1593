import { autoSubmissionReason, type ActivityEvent } from '@assay/shared';

const KIND_LABEL: Record<ActivityEvent['kind'], string> = {
  started: 'started',
  finished: 'finished',
  paste: 'paste',
  focus_lost: 'left the page',
  focus_regained: 'came back',
  run: 'test run',
  submit: 'submission',
};
const KIND_ROW: Record<ActivityEvent['kind'], number> = { started: 0, finished: 0, submit: 0, run: 1, paste: 2, focus_lost: 3, focus_regained: 3 };
const ROW_LABELS = ['start / submit', 'test runs', 'pastes', 'focus'];

function describe(e: ActivityEvent): string {
  const chars = typeof e.details.pasteChars === 'number' ? ` of ${e.details.pasteChars.toLocaleString('en')} characters` : '';
  const auto = autoSubmissionReason(e);
  return `${KIND_LABEL[e.kind]}${auto ? ` of the last saved draft, by the server ${auto}` : ''}${chars}${e.challengeSlug ? ` (${e.challengeSlug})` : ''}`;
}

const clock = (t: number) => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * The candidate's activity on the assessment's time axis (start → deadline):
 * pastes sized by how much was pasted, focus losses, runs and submissions.
 */
export function ActivityTimeline({ events, startedAt, deadlineAt, width }: { events: ActivityEvent[]; startedAt: string | null; deadlineAt: string | null; width: number }) {
  if (!startedAt) return <p className="muted">The candidate has not started yet.</p>;
  const from = Date.parse(startedAt);
  const last = Math.max(from + 60_000, ...events.map((e) => Date.parse(e.occurredAt)));
  const to = Math.max(deadlineAt ? Date.parse(deadlineAt) : last, last);
  const left = 110;
  const plot = width - left - 16;
  const x = (t: number) => left + ((t - from) / (to - from)) * plot;
  const ticks = Array.from({ length: 5 }, (_, i) => from + ((to - from) * i) / 4);
  const focusLost = events.filter((e) => e.kind === 'focus_lost').length;
  const pastes = events.filter((e) => e.kind === 'paste');
  return (
    <figure className="timeline" data-chart="activity" data-events={events.length}>
      <svg width={width} height={ROW_LABELS.length * 28 + 34} role="img" aria-label={`Activity: ${events.length} events, ${pastes.length} pastes, ${focusLost} times away from the page`}>
        {ROW_LABELS.map((label, row) => (
          <g key={label}>
            <text x={0} y={row * 28 + 19} className="tl-label">{label}</text>
            <line x1={left} x2={left + plot} y1={row * 28 + 15} y2={row * 28 + 15} className="tl-row" />
          </g>
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={ROW_LABELS.length * 28 + 24} className="tl-tick" textAnchor="middle">{clock(t)}</text>
        ))}
        {deadlineAt && <line x1={x(Date.parse(deadlineAt))} x2={x(Date.parse(deadlineAt))} y1={0} y2={ROW_LABELS.length * 28} className="tl-deadline" />}
        {events.map((e) => {
          const cy = KIND_ROW[e.kind] * 28 + 15;
          const size = e.kind === 'paste' && typeof e.details.pasteChars === 'number' ? Math.min(11, 3 + Math.log10(1 + e.details.pasteChars) * 2) : 5;
          return (
            <circle key={e.id} cx={x(Date.parse(e.occurredAt))} cy={cy} r={size} className={`tl-dot tl-${e.kind}`}>
              <title>{`${clock(Date.parse(e.occurredAt))}: ${describe(e)}`}</title>
            </circle>
          );
        })}
      </svg>
      <details>
        <summary>Every event ({events.length})</summary>
        <ol className="event-list">
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.occurredAt}>{new Date(e.occurredAt).toLocaleTimeString('en-GB')}</time> {describe(e)}
            </li>
          ))}
        </ol>
      </details>
    </figure>
  );
}
