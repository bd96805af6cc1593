import './review.css';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applyAssessmentEvent, formatLeft, secondsLeft, shownState, SIMILARITY_FLAG_SHARE, type AssessmentBoard, type BoardRow } from '@assay/shared';
import { reviewApi } from '../../api/review';
import { AnonymizedToggle } from './AnonymizedToggle';
import { useBoardLive, type BoardLive } from './board.live';
import { Badge, Button, Loading, Page, TextInput, useConfirm } from '../../ui';
import { InvitePanel } from './InvitePanel';
import { QueryError } from './QueryState';
import { useAnonymized, useCandidateLabel, useNow } from './review.hooks';
import { assessmentsPath, reviewPath } from './review.paths';
import { VerdictBadge } from './RunResults';

const LIVE_TEXT: Record<BoardLive['state'], string> = { connecting: 'Connecting…', live: 'Live', offline: 'Reconnecting…', refused: 'Not live' };
const STATE_TEXT: Record<string, [string, 'neutral' | 'info' | 'success' | 'warning' | 'danger']> = { pending: ['invited', 'neutral'], started: ['in progress', 'info'], finished: ['finished', 'success'], expired: ['link expired', 'warning'], revoked: ['revoked', 'danger'] };

/** One assessment: its live board (one row per candidate) and its invitations. */
export function AssessmentBoardPage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const key = ['board', id];
  // No polling: submissions and invitation changes arrive as live events, and the clock moves deadlines (shownState).
  const board = useQuery({ queryKey: key, queryFn: () => reviewApi.board(id) });
  const resyncDue = useRef(false);
  const live = useBoardLive(
    id,
    (event) => {
      const current = client.getQueryData<AssessmentBoard>(key);
      if (!current) return;
      const next = applyAssessmentEvent(current, event);
      client.setQueryData(key, next.board);
      if (next.needsReload) void client.invalidateQueries({ queryKey: key });
    },
    () => {
      // A read still on its way may predate the room's join: reload once it is in (a first load is never cancelled, only joined).
      if (client.getQueryData(key) === undefined) resyncDue.current = true;
      else void client.invalidateQueries({ queryKey: key });
    },
  );
  useEffect(() => {
    if (!board.dataUpdatedAt || !resyncDue.current) return;
    resyncDue.current = false;
    void client.invalidateQueries({ queryKey: key });
  }, [board.dataUpdatedAt]);

  if (board.isError) return <Page><QueryError error={board.error} what="this assessment" onRetry={() => void board.refetch()} /></Page>;
  if (!board.data) return <Page><Loading label="Loading the board…" /></Page>;
  const { assessment } = board.data;
  return (
    <main className="page page-wide board-page" id="main">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={assessmentsPath()}>Assessments</Link> › <span>{assessment.title}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>{assessment.title}</h1>
          <p className="muted">
            {assessment.challenges.map((c) => c.title).join(' · ')} · {assessment.timeAllowedMinutes} min · candidates see {assessment.candidateSees === 'nothing' ? 'no results' : `their ${assessment.candidateSees}`}
          </p>
        </div>
        <div className="header-actions">
          <AnonymizedToggle />
          <span className={`live-dot live-${live.state}`} role="status" data-testid="live-state" title={live.state === 'refused' ? live.error.message : undefined}>
            {LIVE_TEXT[live.state]}
          </span>
        </div>
      </header>
      {live.state === 'refused' && (
        <p className="callout callout-warning" role="alert" data-testid="live-refused">
          Live updates are off: {live.error.message} The board shows what it had when it loaded; reload the page to see changes.
        </p>
      )}
      <BoardTable board={board.data} />
      <InvitePanel assessmentId={id} />
    </main>
  );
}

function BoardTable({ board }: { board: AssessmentBoard }) {
  const now = useNow();
  const label = useCandidateLabel();
  const { anonymized } = useAnonymized();
  const skew = Date.parse(board.serverTime) - Date.now();
  const [skewAtLoad] = useState(skew);
  if (!board.rows.length) return <p className="callout callout-info empty-board">No candidates yet. Invite the first ones below: one at a time, or paste a CSV.</p>;
  return (
    <div className="table-wrap">
      <table className="table board" data-testid="board">
        <caption className="sr-only">Candidates of this assessment</caption>
        <thead>
          <tr>
            <th scope="col">candidate</th>
            <th scope="col">status</th>
            <th scope="col">time left</th>
            {board.assessment.challenges.map((c) => (
              <th scope="col" key={c.slug}>{c.title}</th>
            ))}
            <th scope="col">reviews</th>
            <th scope="col"><abbr title={`Highest share of code fingerprints found in another solution; flagged at ${SIMILARITY_FLAG_SHARE * 100}%`}>similarity</abbr></th>
            <th scope="col"><span className="sr-only">actions</span></th>
          </tr>
        </thead>
        <tbody>
          {board.rows.map((row) => {
            const state = shownState(row.invitation, now, skewAtLoad);
            return (
            <tr key={row.invitation.id} data-invitation={row.invitation.id} data-state={state}>
              <th scope="row">
                <span className="candidate-name">{label(row.invitation)}</span>
                {!anonymized && <div className="muted small">{row.invitation.candidateEmail}</div>}
              </th>
              <td><Badge tone={STATE_TEXT[state]![1]}>{STATE_TEXT[state]![0]}</Badge>{row.invitation.extraTimeMinutes > 0 && <div className="muted small">+{row.invitation.extraTimeMinutes} min</div>}</td>
              <td className="num" data-testid="time-left">
                {state === 'started' ? formatLeft(secondsLeft(row.invitation.deadlineAt, now, skewAtLoad) ?? 0) : '—'}
              </td>
              {board.assessment.challenges.map((c) => (
                <td key={c.slug} data-challenge={c.slug}>
                  <Cell row={row} slug={c.slug} />
                </td>
              ))}
              <td>{row.reviewCount}{row.reviewedByMe ? <span className="muted small"> (incl. yours)</span> : ''}</td>
              <td>{row.topSimilarity === null ? <span className="muted">—</span> : row.topSimilarity >= SIMILARITY_FLAG_SHARE ? <Badge tone="danger" title="Flagged: open the review to see the shared code side by side">{Math.round(row.topSimilarity * 100)}% flagged</Badge> : <span>{Math.round(row.topSimilarity * 100)}%</span>}</td>
              <td><RowActions row={row} /></td>
            </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ row, slug }: { row: BoardRow; slug: string }) {
  const cell = row.cells[slug];
  if (!cell) {
    const runs = row.testRuns[slug] ?? 0;
    return (
      <span className="muted" data-test-runs={runs}>
        not submitted
        {runs > 0 && <span className="small cell-runs">{`${runs} test run${runs === 1 ? '' : 's'}`}</span>}
      </span>
    );
  }
  const busy = cell.status !== 'done' && cell.status !== 'failed';
  return (
    <Link to={reviewPath(cell.submissionId)} className="cell-link" data-status={cell.status} title={`Review this ${slug} submission`}>
      {busy ? <Badge tone="info">{cell.status}…</Badge> : <VerdictBadge verdict={cell.verdict} />}
      {cell.total !== null && <strong className="cell-score"> {Math.round(cell.total)}</strong>}
      {cell.level && <span className="muted small"> {cell.level}</span>}
      {cell.finalCount > 1 && <span className="muted small"> ×{cell.finalCount}</span>}
      <span className="sr-only"> (open the review)</span>
    </Link>
  );
}

function RowActions({ row }: { row: BoardRow }) {
  const client = useQueryClient();
  const [extra, setExtra] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: { extraTimeMinutes?: number; revoked?: true }) => reviewApi.changeInvitation(row.invitation.id, body),
    onSuccess: () => {
      setExtra(null);
      void client.invalidateQueries({ queryKey: ['board', row.invitation.assessmentId] });
      void client.invalidateQueries({ queryKey: ['assessments'] });
    },
  });
  const label = useCandidateLabel()(row.invitation);
  const confirm = useConfirm();
  if (row.invitation.state === 'revoked') return null;
  return (
    <div className="row-actions">
      {extra === null ? (
        <Button size="sm" onClick={() => setExtra(String(row.invitation.extraTimeMinutes + 15))}>Extend time</Button>
      ) : (
        <form
          className="inline-form compact"
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ extraTimeMinutes: Number(extra) });
          }}
        >
          <label>
            <span className="sr-only">Extra minutes for {label}</span>
            <TextInput type="number" min={0} max={1440} value={extra} onChange={(e) => setExtra(e.target.value)} className="narrow" /> extra min
          </label>
          <Button type="submit" size="sm" variant="primary" busy={change.isPending}>Save</Button>
          <Button size="sm" onClick={() => setExtra(null)}>Cancel</Button>
        </form>
      )}
      <Button
        size="sm"
        variant="ghost"
        className="danger-text"
        onClick={async () => {
          if (await confirm({ title: 'Revoke this invitation?', body: `${label}'s link stops working at once, and an open session ends.`, confirmLabel: 'Revoke', variant: 'danger' })) change.mutate({ revoked: true });
        }}
      >
        Revoke
      </Button>
      {change.isError && <span className="error-text small" role="alert">{(change.error as Error).message}</span>}
    </div>
  );
}
