import './review.css';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { SubmissionDetail, SubmissionSummary } from '@assay/shared';
import { reviewApi } from '../../api/review';
import { ActivityTimeline } from './ActivityTimeline';
import { AnonymizedToggle } from './AnonymizedToggle';
import { DiffView, CodeView } from './CodeView';
import { LatencyChart } from './LatencyChart';
import { MemoryChart } from './MemoryChart';
import { ReviewForm } from './ReviewForm';
import { useAnonymized, useCandidateLabel, useMe, useShortcuts, useWidth } from './review.hooks';
import { RunResults, VerdictBadge } from './RunResults';
import { ScorePanel } from './ScorePanel';
import { SimilarityPanel } from './SimilarityPanel';
import { reviewPath, boardPath } from './review.paths';
import { QueryError } from './QueryState';
import { Button, Checkbox, Loading, Page, Tabs } from '../../ui';

/** The submission review: everything an interviewer needs to decide, on one page. */
export function SubmissionReviewPage() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['submission', id], queryFn: () => reviewApi.submission(id) });
  if (detail.isError) return <Page><QueryError error={detail.error} what="this submission" onRetry={() => void detail.refetch()} /></Page>;
  if (!detail.data) return <Page><Loading label="Loading the submission…" /></Page>;
  return <Review key={id} detail={detail.data} />;
}

function Review({ detail }: { detail: SubmissionDetail }) {
  const navigate = useNavigate();
  const label = useCandidateLabel();
  const { anonymized } = useAnonymized();
  const me = useMe();
  const [widthRef, width] = useWidth<HTMLDivElement>();
  const invitation = useQuery({ queryKey: ['invitation', detail.invitationId], queryFn: () => reviewApi.invitation(detail.invitationId) });
  const history = useQuery({ queryKey: ['submissions-of', detail.invitationId], queryFn: () => reviewApi.submissionsOf(detail.invitationId) });
  const measurements = useQuery({ queryKey: ['measurements', detail.id], queryFn: () => reviewApi.measurements(detail.id) });
  const starter = useQuery({ queryKey: ['starter', detail.id], queryFn: () => reviewApi.starter(detail.id) });
  const activity = useQuery({ queryKey: ['activity', detail.invitationId], queryFn: () => reviewApi.activity(detail.invitationId) });
  const similarity = useQuery({ queryKey: ['similarity', detail.id], queryFn: () => reviewApi.similarity(detail.id), enabled: detail.kind === 'final', refetchInterval: (q) => (q.state.data?.checked ? false : 5000) });

  const steps: SubmissionSummary[] = (history.data?.submissions ?? []).filter((s) => s.challengeSlug === detail.challengeSlug);
  const at = steps.findIndex((s) => s.id === detail.id);
  const previous = at > 0 ? steps[at - 1] : undefined;
  const next = at >= 0 && at < steps.length - 1 ? steps[at + 1] : undefined;
  useShortcuts({
    j: () => next && navigate(reviewPath(next.id)),
    k: () => previous && navigate(reviewPath(previous.id)),
  });

  const run = detail.runs.filter((r) => r.verdict !== 'INTERNAL_ERROR').at(-1) ?? detail.runs.at(-1);
  const score = detail.scores.at(-1);
  const who = label({ id: detail.invitationId, candidateName: detail.candidateName });
  const files = Object.keys(detail.files).sort();

  return (
    <main className="page page-wide review-page" id="main">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={boardPath(detail.assessmentId)}>Board</Link> › <span>{who}</span> › <span>{detail.challengeSlug}</span>
      </nav>
      <header className="review-header">
        <div>
          <h1 data-testid="candidate-name">{who}</h1>
          <p className="muted">
            {detail.challengeSlug} · {detail.kind === 'final' ? 'final submission' : 'test run'} · submitted <time dateTime={detail.createdAt}>{new Date(detail.createdAt).toLocaleString('en-GB')}</time> · <VerdictBadge verdict={detail.verdict} />
            {score && <> · <strong>{Math.round(score.total)}</strong>/100 ({score.level})</>}
          </p>
        </div>
        <div className="header-actions">
          <AnonymizedToggle />
          <div className="stepper" role="group" aria-label="Submissions of this candidate">
            <Button disabled={!previous} onClick={() => previous && navigate(reviewPath(previous.id))} aria-keyshortcuts="k">
              ← Previous <kbd>K</kbd>
            </Button>
            <span className="muted">{at >= 0 ? `${at + 1} of ${steps.length}` : '…'}</span>
            <Button disabled={!next} onClick={() => next && navigate(reviewPath(next.id))} aria-keyshortcuts="j">
              Next <kbd>J</kbd> →
            </Button>
          </div>
        </div>
      </header>
      {steps.length > 1 && (
        <ol className="step-list" aria-label="Every submission of this challenge">
          {steps.map((s, i) => (
            <li key={s.id} aria-current={s.id === detail.id ? 'page' : undefined}>
              <Link to={reviewPath(s.id)}>
                #{i + 1} {s.kind === 'final' ? 'final' : 'test'} · <VerdictBadge verdict={s.verdict} />
                {s.score ? ` ${Math.round(s.score.total)}` : ''}
              </Link>
            </li>
          ))}
        </ol>
      )}

      <div className="review-grid">
        <div className="review-main" ref={widthRef}>
          <section className="card" aria-labelledby="code-heading">
            <h2 id="code-heading" className="card-title">Code</h2>
            <CodeFiles detail={detail} files={files} starter={starter.data?.files} />
          </section>

          <section className="card" aria-labelledby="results-heading">
            <h2 id="results-heading" className="card-title">Verdict and tests</h2>
            <RunResults run={run} />
          </section>

          <section className="card" aria-labelledby="memory-heading">
            <h2 id="memory-heading" className="card-title">Memory over time</h2>
            {measurements.isError ? <QueryError error={measurements.error} what="the measurements" /> : measurements.data ? <MemoryChart memory={measurements.data.memory} width={Math.min(width - 48, 1100)} /> : <Loading />}
          </section>

          {measurements.data?.latency && (
            <section className="card" aria-labelledby="latency-heading">
              <h2 id="latency-heading" className="card-title">Latency under load</h2>
              <LatencyChart latency={measurements.data.latency} width={Math.min(width - 48, 720)} />
            </section>
          )}

          <section className="card" aria-labelledby="score-heading">
            <h2 id="score-heading" className="card-title">Score</h2>
            <ScorePanel score={score} />
          </section>

          <section className="card" aria-labelledby="activity-heading">
            <h2 id="activity-heading" className="card-title">Activity</h2>
            {activity.data ? (
              <ActivityTimeline events={activity.data.events} startedAt={invitation.data?.startedAt ?? null} deadlineAt={invitation.data?.deadlineAt ?? null} width={Math.min(width - 48, 1100)} />
            ) : (
              <Loading />
            )}
          </section>

          {detail.kind === 'final' && (
            <section className="card" aria-labelledby="similarity-heading">
              <h2 id="similarity-heading" className="card-title">Similarity</h2>
              {similarity.data ? <SimilarityPanel report={similarity.data} files={detail.files} anonymized={anonymized} /> : <Loading />}
            </section>
          )}
        </div>
        <aside className="review-side">
          <ReviewForm invitationId={detail.invitationId} dimensions={score?.dimensions.map((d) => d.name) ?? []} myUserId={me.data?.user.id} />
          <section className="panel shortcuts" aria-labelledby="keys-heading">
            <h2 id="keys-heading" className="card-title">Keyboard</h2>
            <dl>
              <dt><kbd>J</kbd> / <kbd>K</kbd></dt><dd>next / previous submission</dd>
              <dt><kbd>A</kbd> <kbd>H</kbd> <kbd>R</kbd></dt><dd>advance, hold, reject</dd>
              <dt><kbd>Ctrl</kbd>+<kbd>Enter</kbd></dt><dd>save the review</dd>
            </dl>
          </section>
        </aside>
      </div>
    </main>
  );
}

function CodeFiles({ detail, files, starter }: { detail: SubmissionDetail; files: string[]; starter: Record<string, string> | undefined }) {
  const [file, setFile] = useState(files[0] ?? '');
  const [diff, setDiff] = useState(true);
  const content = detail.files[file] ?? '';
  const base = starter?.[file];
  const view = diff && base !== undefined ? <DiffView key={`${file}-diff`} starter={base} submitted={content} label={file} /> : <CodeView key={file} doc={content} label={file} />;
  return (
    <>
      <div className="code-toolbar">
        <Checkbox label="Diff against the starter" checked={diff} onChange={(e) => setDiff(e.target.checked)} />
      </div>
      <Tabs label="Files" selected={file} onSelect={setFile} tabs={files.map((f) => ({ id: f, label: starter && starter[f] === undefined ? `${f} (new)` : f, panel: f === file ? view : null }))} />
    </>
  );
}
