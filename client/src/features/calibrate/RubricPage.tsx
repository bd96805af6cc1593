import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PublishReasonSchema, type RubricOverview } from '@assay/shared';
import { ApiErrorView, Badge, Button, Card, Checkbox, Field, Loading, Page, TextInput, useConfirm, useToast } from '../../ui';
import { toApiError } from '../../api/http';
import { calibrationKeys, discardDraft, fetchPreview, fetchRubric, fetchVersions, publishDraft, saveDraft } from '../../api/calibration';
import { useSession } from '../auth/session';
import { AnonymizedToggle } from '../review/AnonymizedToggle';
import { useCalibrationAnonymity } from './anonymity';
import { PreviewPanel } from './PreviewPanel';
import { RubricEditor } from './RubricEditor';
import { sameRubric, validateRubric, type EditableRubric, type FieldIssues } from './rubric.edit';
import { VersionHistory } from './VersionHistory';
import './calibrate.css';

/** A challenge's rubric: the editor, the preview of the saved draft, publish or discard, and the version history. */
export default function RubricPage() {
  const { slug = '' } = useParams();
  const overview = useQuery({ queryKey: calibrationKeys.rubric(slug), queryFn: ({ signal }) => fetchRubric(slug, signal) });
  // Kept here: a publish refused because the draft changed refetches the overview, which remounts the workspace.
  const [conflict, setConflict] = useState<string | null>(null);
  if (overview.isPending) return <Page title="Rubric"><Loading label="Loading the rubric…" /></Page>;
  if (overview.isError) {
    const missing = toApiError(overview.error).status === 404; // asking again gets the same answer
    return (
      <Page title="Rubric">
        <ApiErrorView error={overview.error} onRetry={missing ? undefined : () => void overview.refetch()} />
        <Link to="/calibrate">All rubrics</Link>
      </Page>
    );
  }
  return <RubricWorkspace key={`${overview.data.current.id}:${overview.data.draft?.updatedAt ?? 'none'}`} overview={overview.data} conflict={conflict} onConflict={setConflict} />;
}

function RubricWorkspace({ overview, conflict, onConflict }: { overview: RubricOverview; conflict: string | null; onConflict: (message: string | null) => void }) {
  const slug = overview.challengeSlug;
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const admin = useSession().data?.user.role === 'admin';
  const saved = overview.draft?.rubric ?? overview.current.rubric;
  const [edited, setEdited] = useState<EditableRubric>(saved);
  const [serverIssues, setServerIssues] = useState<FieldIssues>({});
  const [reason, setReason] = useState('');
  const [rescorePast, setRescorePast] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);

  const validation = useMemo(() => validateRubric(edited), [edited]);
  const issues = validation.ok ? serverIssues : validation.issues;
  const dirty = !sameRubric(edited, saved);
  useEffect(() => setServerIssues({}), [edited]);

  const versions = useQuery({ queryKey: calibrationKeys.versions(slug), queryFn: ({ signal }) => fetchVersions(slug, signal) });
  const anonymity = useCalibrationAnonymity();
  const preview = useQuery({
    queryKey: [...calibrationKeys.preview(slug, anonymity.anonymized), overview.draft?.updatedAt],
    queryFn: ({ signal }) => fetchPreview(slug, signal),
    enabled: !!overview.draft && anonymity.known,
  });
  // An answer less anonymized than the viewer wants (their change was not saved in time) is never shown.
  const shown = preview.data && anonymity.fits(preview.data) ? preview.data : undefined;

  // After a publish or discard the draft is gone: its preview must not be asked for again (404).
  const refresh = (current = overview.current) => {
    // The draft is gone now: the page drops it at once (the preview is no longer asked for), then refetches.
    qc.setQueryData<RubricOverview>(calibrationKeys.rubric(slug), (old) => old && { ...old, current, draft: null });
    qc.removeQueries({ queryKey: [...calibrationKeys.rubric(slug), 'preview'] });
    void qc.invalidateQueries({ queryKey: calibrationKeys.versions(slug) });
    return qc.invalidateQueries({ queryKey: calibrationKeys.rubric(slug), exact: true });
  };
  const save = useMutation({
    mutationFn: () => saveDraft(slug, edited),
    onSuccess: (next) => {
      qc.setQueryData(calibrationKeys.rubric(slug), next);
      toast('Draft saved. The preview below re-scores every scored submission under it.', { tone: 'success' });
    },
    onError: (err) => {
      const e = toApiError(err);
      const list = (e.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
      setServerIssues(Object.fromEntries(list.map((i) => [i.path.replace(/^rubric\./, ''), i.message])));
    },
  });
  const discard = useMutation({
    mutationFn: () => discardDraft(slug),
    onSuccess: () => {
      toast('Draft discarded.', { tone: 'info' });
      void refresh();
    },
  });
  const publish = useMutation({
    // The hash of the draft this page previewed: the server refuses if the draft changed since.
    mutationFn: (draftHash: string) => publishDraft(slug, { reason, rescorePast, draftHash }),
    onSuccess: (res) => {
      onConflict(null);
      toast(`Published ${slug}@${res.version.version}. New submissions are scored under it${res.rescored ? `; ${res.rescored} past submission${res.rescored === 1 ? '' : 's'} re-scored beside their old scores` : ''}.`, { tone: 'success', durationMs: 10_000 });
      setReason('');
      void refresh(res.version);
      void qc.invalidateQueries({ queryKey: calibrationKeys.challenges });
    },
    onError: (err) => {
      if (toApiError(err).code !== 'CONFLICT') return;
      onConflict('Not published: the draft changed after you previewed it (someone saved it again). The preview now shows the draft as saved; check it, then publish again.');
      void qc.invalidateQueries({ queryKey: calibrationKeys.rubric(slug), exact: true });
    },
  });

  const onPublish = async () => {
    const parsed = PublishReasonSchema.safeParse(reason);
    if (!parsed.success) return setReasonError(parsed.error.issues[0]!.message);
    setReasonError(null);
    const ok = await confirm({
      title: `Publish version ${overview.current.version + 1}?`,
      body: <p>New submissions of {overview.title} will be scored under it. Stored scores keep the version they were scored under{rescorePast ? '; every scored submission also gets a new score row under this version' : ''}.</p>,
      confirmLabel: 'Publish',
    });
    if (ok && shown) publish.mutate(shown.draftHash);
  };
  const onDiscard = async () => {
    if (await confirm({ title: 'Discard the draft?', body: <p>The panel's draft of {overview.title} is deleted for everyone. Version {overview.current.version} stays in force.</p>, confirmLabel: 'Discard', variant: 'danger' })) discard.mutate();
  };

  return (
    <Page
      title={<>{overview.title} <span className="muted">rubric</span></>}
      actions={<span className="row-actions"><AnonymizedToggle /><Link to="/calibrate">All rubrics</Link></span>}
    >
      <p className="rubric-status">
        <Badge tone="success">v{overview.current.version} in force</Badge>{' '}
        {overview.draft ? <Badge tone="warning">draft v{overview.draft.rubric.version} by {overview.draft.updatedBy.name}</Badge> : <Badge>no draft</Badge>}{' '}
        {dirty && <Badge tone="info">unsaved changes</Badge>}{' '}
        <span className="muted">{overview.scoredSubmissions} scored submission{overview.scoredSubmissions === 1 ? '' : 's'}</span>
      </p>
      <div className="calibrate-layout">
        <div className="calibrate-main">
          <RubricEditor rubric={edited} issues={issues} metrics={overview.metrics} onChange={setEdited} />
          <div className="sticky-actions">
            <Button variant="primary" busy={save.isPending} disabled={!validation.ok || !dirty} onClick={() => save.mutate()}>
              {overview.draft ? 'Save draft and preview' : 'Save as draft and preview'}
            </Button>
            <Button disabled={!dirty} onClick={() => setEdited(saved)}>Undo changes</Button>
            {overview.draft && <Button variant="danger" busy={discard.isPending} onClick={() => void onDiscard()}>Discard draft</Button>}
            {!validation.ok && <span className="field-error" role="status">Fix the {Object.keys(validation.issues).length === 1 ? 'error' : `${Object.keys(validation.issues).length} errors`} above to save.</span>}
            {save.isError && <span className="field-error" role="alert">{toApiError(save.error).message}</span>}
          </div>
        </div>
        <div className="calibrate-side">
          <section aria-labelledby="preview-heading">
            <div className="section-head">
              <h2 id="preview-heading">Preview of the draft</h2>
            </div>
            {!overview.draft ? (
              <Card><p>Save a draft to see what it would do: every scored submission is re-scored under it from its stored measurements, without running anything.</p></Card>
            ) : preview.isError ? <ApiErrorView error={preview.error} onRetry={() => void preview.refetch()} /> : !shown ? <Loading label="Re-scoring every submission…" /> : (
              <>
                {dirty && <p className="callout callout-warning">The preview shows the saved draft; save to include your latest changes.</p>}
                <PreviewPanel preview={shown} />
              </>
            )}
          </section>

          {overview.draft && (
            <Card title="Publish">
              {admin ? (
                <>
                  {conflict && <p className="callout callout-warning" role="alert">{conflict}</p>}
                  <Field label="Reason (one line)" hint="Recorded with the version and shown in its history." error={reasonError}>
                    <TextInput value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
                  </Field>
                  <Checkbox label="Also re-score past submissions under the new version (new score rows beside the old ones)" checked={rescorePast} onChange={(e) => setRescorePast(e.target.checked)} />
                  <div className="row-actions">
                    <Button variant="primary" busy={publish.isPending} disabled={dirty || !shown} onClick={() => void onPublish()}>Publish v{overview.current.version + 1}</Button>
                    {dirty ? <span className="muted">Save or undo your changes first.</span> : !shown && <span className="muted">Publishing waits for the preview: what you publish is what you previewed.</span>}
                  </div>
                  {publish.isError && toApiError(publish.error).code !== 'CONFLICT' && <ApiErrorView error={publish.error} title="Not published" />}
                </>
              ) : (
                <p>Only an admin can publish. The draft is shared: an admin sees it as you saved it.</p>
              )}
            </Card>
          )}

          <Card title="Version history">
            {versions.isPending ? <Loading /> : versions.isError ? <ApiErrorView error={versions.error} onRetry={() => void versions.refetch()} /> : <VersionHistory versions={versions.data.versions} />}
          </Card>
        </div>
      </div>
    </Page>
  );
}
