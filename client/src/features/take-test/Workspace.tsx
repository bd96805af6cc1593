import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import DOMPurify from 'dompurify';
import type { CandidateAssessment, CandidateChallenge, SubmissionKind } from '@assay/shared';
import { createSubmission, fetchCandidateAssessment, finishAssessment, listCandidateSubmissions, recordActivity, saveDraft } from '../../api/candidate';
import { toApiError } from '../../api/http';
import { Badge, Button, Dialog, Tabs, useConfirm, useToast } from '../../ui';
import { ActivityLog } from './ActivityLog';
import { ActivityReporter, FocusTracker } from './activity';
import { challengeProgress, latest, PROGRESS_LABELS, type ChallengeProgress } from './challenge-status';
import { formatRemaining, remainingMs, warningsCrossed } from './clock';
import { CodeEditor } from './CodeEditor';
import { DraftSync, type SaveState } from './draft-sync';
import { DeadlineHandIn, dueForHandIn, type HandInChallenge } from './hand-in';
import { LocalDrafts } from './local-drafts';
import { RunResults } from './RunResults';
import { SubmissionProgress } from './SubmissionProgress';
import { assessmentKey } from './keys';

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Saving soon…',
  saving: 'Saving…',
  offline: 'Offline: kept on this device, will retry',
  conflict: 'Changed elsewhere: choose a version',
  error: 'Not saved',
};
/** What happens to unsubmitted work at the end (deadline or Finish), the same rule as the page's and the server's (`dueForHandIn`). */
const END_RULE = 'At the end, each challenge you changed but did not submit is submitted for you with your latest code. A challenge you submitted keeps your last submission (later edits to it are not submitted); one you did not change gets none.';
const PROGRESS_TONES = { untouched: 'neutral', edited: 'info', tested: 'warning', submitted: 'success' } as const;

/** The candidate's workspace: prompt, editor, runs and submissions, clock, autosave. */
export function Workspace({ token, assessment, offsetMs }: { token: string; assessment: CandidateAssessment; offsetMs: number }) {
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const challenges = assessment.challenges;
  const [slug, setSlug] = useState(challenges[0]!.slug);
  const challenge = challenges.find((c) => c.slug === slug)!;

  const sync = useMemo(() => new DraftSync({
    save: (s, body) => saveDraft(token, s, body),
    fetchServerDraft: async (s) => (await fetchCandidateAssessment(token)).challenges.find((c) => c.slug === s)?.draft ?? null,
    local: new LocalDrafts(typeof localStorage === 'undefined' ? null : localStorage, token),
    isOffline: () => typeof navigator !== 'undefined' && navigator.onLine === false,
  }, challenges.map((c) => ({ slug: c.slug, starter: c.starterFiles ?? {}, server: c.draft }))), [token]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    sync.open();
    return () => sync.close();
  }, [sync]);
  useSyncExternalStore(useCallback((cb) => sync.subscribe(cb), [sync]), () => sync.version);
  const draft = sync.get(slug)!;

  const reporter = useMemo(() => new ActivityReporter((body, o) => recordActivity(token, body, o)), [token]);
  useEffect(() => {
    // Blur and visibilitychange both fire on a tab switch: one event per real change.
    const focus = new FocusTracker((kind) => reporter.add({ kind }));
    const lost = () => focus.lost();
    const back = () => focus.back();
    const vis = () => (document.visibilityState === 'hidden' ? lost() : back());
    const online = () => { sync.online(); void reporter.flush(); };
    const leaving = () => { void reporter.flush({ keepalive: true }); };
    window.addEventListener('blur', lost);
    window.addEventListener('focus', back);
    document.addEventListener('visibilitychange', vis);
    window.addEventListener('online', online);
    window.addEventListener('pagehide', leaving);
    return () => {
      window.removeEventListener('blur', lost);
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', vis);
      window.removeEventListener('online', online);
      window.removeEventListener('pagehide', leaving);
      reporter.close();
    };
  }, [reporter, sync]);

  const subsKey = ['candidate', token, 'submissions'];
  const subs = useQuery({ queryKey: subsKey, queryFn: ({ signal }) => listCandidateSubmissions(token, signal), meta: { auth: 'candidate' } });
  const [shown, setShown] = useState<Record<string, SubmissionKind>>({});

  const submit = useMutation({
    mutationFn: async ({ s, kind }: { s: string; kind: SubmissionKind }) => {
      await sync.flush(s);
      return createSubmission(token, s, { kind, files: sync.get(s)!.files });
    },
    onSuccess: (sub) => {
      qc.setQueryData(subsKey, (old: typeof subs.data) => [...(old ?? []), sub]);
      setShown((m) => ({ ...m, [sub.challengeSlug]: sub.kind }));
    },
    onError: (err) => toast(toApiError(err).message, { tone: 'danger' }),
  });

  // Countdown on the server's clock.
  const [left, setLeft] = useState(() => remainingMs(assessment.deadlineAt!, offsetMs));
  const lastLeft = useRef(left);
  // At the deadline: the code of each changed, unsubmitted challenge becomes final (the server accepts
  // these within its grace period, and submits the same drafts itself should this page be gone).
  const handInView = (): HandInChallenge[] => challenges.map((c) => ({ slug: c.slug, files: sync.get(c.slug)!.files, starter: c.starterFiles ?? {}, saved: !!c.draft || sync.get(c.slug)!.revision !== null }));
  const handIn = useMemo(() => new DeadlineHandIn({
    flush: () => sync.flush(),
    challenges: handInView,
    listSubmissions: () => listCandidateSubmissions(token),
    submitFinal: (s, files) => createSubmission(token, s, { kind: 'final', files }),
    reload: async () => {
      const next = await fetchCandidateAssessment(token);
      if (next.state === 'started') return false; // the server's clock is not there yet
      qc.setQueryData(assessmentKey(token), next);
      void qc.invalidateQueries({ queryKey: subsKey });
      return true;
    },
  }), [sync, token]); // eslint-disable-line react-hooks/exhaustive-deps
  const finishing = useRef(false);
  const finishNow = async () => {
    if (finishing.current) return;
    finishing.current = true;
    try {
      await sync.flush().catch(() => undefined);
      // The server submits the saved drafts of changed, unsubmitted challenges (the same rule as at the deadline).
      qc.setQueryData(assessmentKey(token), await finishAssessment(token));
      void qc.invalidateQueries({ queryKey: subsKey });
    } finally {
      finishing.current = false;
    }
  };
  useEffect(() => {
    const tick = () => {
      const now = remainingMs(assessment.deadlineAt!, offsetMs);
      for (const w of warningsCrossed(lastLeft.current, now)) toast(`${w / 60_000} minutes left. Your work is saved. ${END_RULE}`, { tone: 'warning', durationMs: 15_000 });
      lastLeft.current = now;
      setLeft(now);
      if (now <= 0) void handIn.run(); // every tick until done; it retries only what failed
    };
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [assessment.deadlineAt, offsetMs, handIn, toast]);

  const [file, setFile] = useState<Record<string, string>>({});
  const path = file[slug] ?? (draft.files[challenge.entry] !== undefined ? challenge.entry : Object.keys(draft.files)[0]!);
  const [tab, setTab] = useState<'prompt' | 'tests'>('prompt');
  const [activityOpen, setActivityOpen] = useState(false);
  // The server renders the markdown; sanitized here all the same (defence in depth).
  const promptHtml = useMemo(() => DOMPurify.sanitize(challenge.promptHtml ?? '').replace(/<pre>/g, '<pre tabindex="0">'), [challenge.promptHtml]);

  const progress = (c: CandidateChallenge): ChallengeProgress => challengeProgress(subs.data ?? [], c.slug, sync.get(c.slug)!.files, c.starterFiles ?? {}, !!c.draft || sync.get(c.slug)!.revision !== null);
  const lastTest = latest(subs.data ?? [], slug, 'test');
  const lastFinal = latest(subs.data ?? [], slug, 'final');
  const showKind = shown[slug] ?? (lastFinal ? 'final' : 'test');
  const overall = sync.overall();
  const urgent = left <= 2 * 60_000;

  const onSubmit = async () => {
    const ok = await confirm({
      title: `Submit “${challenge.title}”?`,
      body: <p>Your current code is judged and scored. You can submit again until the time is up; the last submission counts.</p>,
      confirmLabel: 'Submit',
    });
    if (ok) submit.mutate({ s: slug, kind: 'final' });
  };
  const onFinish = async () => {
    // What the server will do with each challenge (the same rule as at the deadline), named one by one.
    const finals = new Set((subs.data ?? []).filter((s) => s.kind === 'final').map((s) => s.challengeSlug));
    const due = new Set(dueForHandIn(handInView(), finals).map((c) => c.slug));
    const fate = (slug: string) => (finals.has(slug) ? 'your last submission counts (later edits are not submitted)' : due.has(slug) ? 'your latest code is submitted for you' : 'not changed, nothing is submitted');
    const ok = await confirm({
      title: 'Finish the test now?',
      body: (
        <>
          <p>You will not be able to change or submit anything afterwards. What happens to each challenge:</p>
          <ul className="finish-fates">
            {challenges.map((c) => <li key={c.slug}><strong>{c.title}</strong>: {fate(c.slug)}.</li>)}
          </ul>
        </>
      ),
      confirmLabel: 'Finish test',
      variant: 'danger',
    });
    if (ok) await finishNow().catch((err) => toast(toApiError(err).message, { tone: 'danger' }));
  };

  return (
    <div className="workspace">
      <a className="skip-link" href="#editor-area">Skip to the editor</a>
      <header className="ws-bar">
        <span className="brand">Assay</span>
        <h1 className="ws-title">{assessment.title}</h1>
        <span className="save-indicator" data-state={overall} role="status">{SAVE_LABELS[overall]}</span>
        <span className={urgent ? 'countdown countdown-urgent' : 'countdown'} aria-label={`Time left ${formatRemaining(left)}`}>
          <span className="countdown-label" aria-hidden="true">Time left</span> {formatRemaining(left)}
        </span>
        <Button size="sm" variant="ghost" onClick={() => setActivityOpen(true)}>Activity log</Button>
        <Button size="sm" variant="danger" onClick={() => void onFinish()}>Finish test</Button>
      </header>
      <div className="ws-body">
        <nav className="ws-nav" aria-label="Challenges">
          <h2 className="ws-nav-title">Challenges</h2>
          <ol>
            {challenges.map((c, i) => {
              const p = progress(c);
              return (
                <li key={c.slug}>
                  <button type="button" className="ws-nav-item" aria-current={c.slug === slug ? 'true' : undefined} onClick={() => setSlug(c.slug)}>
                    <span className="ws-nav-name">{i + 1}. {c.title}</span>
                    <Badge tone={PROGRESS_TONES[p]}>{PROGRESS_LABELS[p]}</Badge>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <section className="ws-prompt" aria-label="Challenge description">
          <Tabs
            label="Challenge"
            selected={tab}
            onSelect={(id) => setTab(id as 'prompt' | 'tests')}
            tabs={[
              { id: 'prompt', label: 'Prompt', panel: <article className="prose" dangerouslySetInnerHTML={{ __html: promptHtml }} /> },
              {
                id: 'tests',
                label: 'Visible tests',
                panel: Object.entries(challenge.visibleTests ?? {}).map(([name, src]) => (
                  <div key={name}><h3 className="file-name">{name}</h3><pre className="code-block" tabIndex={0}>{src}</pre></div>
                )),
              },
            ]}
          />
        </section>
        <section className="ws-editor" id="editor-area" aria-label="Your solution">
          {draft.state === 'conflict' && draft.theirs && (
            <div className="callout callout-warning conflict" role="alert">
              <p><strong>This challenge was saved from another tab or device</strong> (at {new Date(draft.theirs.updatedAt).toLocaleTimeString()}). Which version do you want to keep?</p>
              <div className="row">
                <Button variant="primary" size="sm" onClick={() => sync.resolve(slug, 'mine')}>Keep the code on this screen</Button>
                <Button size="sm" onClick={() => sync.resolve(slug, 'theirs')}>Use the other version</Button>
              </div>
            </div>
          )}
          {draft.state === 'error' && <div className="callout callout-danger" role="alert"><p>Your last change was not saved: {draft.message}</p></div>}
          <div className="editor-frame">
            {Object.keys(draft.files).length > 1 && (
              <nav className="file-tree" aria-label="Files">
                <ul>
                  {Object.keys(draft.files).sort().map((p) => (
                    <li key={p}><button type="button" aria-current={p === path ? 'true' : undefined} onClick={() => setFile((f) => ({ ...f, [slug]: p }))}>{p}</button></li>
                  ))}
                </ul>
              </nav>
            )}
            <div className="editor-main">
              <div className="editor-file"><span className="file-name">{path}</span></div>
              <CodeEditor
                key={`${slug}/${path}/${draft.replaced ?? 0}`}
                path={path}
                value={draft.files[path] ?? ''}
                onChange={(text) => sync.edit(slug, { ...sync.get(slug)!.files, [path]: text })}
                onBlur={() => void sync.flush(slug)}
                onPaste={(chars) => reporter.add({ kind: 'paste', challengeSlug: slug, pasteChars: chars })}
              />
            </div>
          </div>
          <p id="editor-help" className="muted editor-help">Tab indents. Press <kbd>Esc</kbd> then <kbd>Tab</kbd> to leave the editor. <kbd>Ctrl</kbd>+<kbd>F</kbd> searches.</p>
          <div className="ws-actions">
            <Button onClick={() => submit.mutate({ s: slug, kind: 'test' })} busy={submit.isPending && submit.variables?.kind === 'test'}>Run tests</Button>
            <Button variant="primary" onClick={() => void onSubmit()} busy={submit.isPending && submit.variables?.kind === 'final'}>Submit</Button>
            <span className="muted">Run tests checks the visible tests only; Submit is judged and scored.</span>
          </div>
          <div className="ws-results">
            {showKind === 'final' && lastFinal ? (
              <>
                <h2 className="results-title">Submission</h2>
                <SubmissionProgress key={lastFinal.id} submissionId={lastFinal.id} memoryLimitMiB={challenge.memoryLimitMiB} />
              </>
            ) : lastTest ? (
              <>
                <h2 className="results-title">Test run</h2>
                <RunResults key={lastTest.id} token={token} submissionId={lastTest.id} />
              </>
            ) : (
              <p className="muted">Results of your test runs and submissions appear here.</p>
            )}
            {lastFinal && lastTest && (
              <Button size="sm" variant="ghost" onClick={() => setShown((m) => ({ ...m, [slug]: showKind === 'final' ? 'test' : 'final' }))}>
                {showKind === 'final' ? 'Show the last test run' : 'Show the last submission'}
              </Button>
            )}
          </div>
        </section>
      </div>
      <Dialog open={activityOpen} title="Your activity log" onClose={() => setActivityOpen(false)} actions={<Button onClick={() => setActivityOpen(false)}>Close</Button>}>
        {activityOpen && <ActivityLog token={token} />}
      </Dialog>
    </div>
  );
}
