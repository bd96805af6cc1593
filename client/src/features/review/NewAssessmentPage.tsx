import './review.css';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CANDIDATE_SEES, type CandidateSees } from '@assay/shared';
import { issuesOf, reviewApi } from '../../api/review';
import { Badge, Button, Field, Loading, Page, Select, TextInput } from '../../ui';
import { QueryError } from './QueryState';
import { boardPath } from './review.paths';

const SEES_TEXT: Record<CandidateSees, string> = {
  score: 'Verdict and score (points per dimension)',
  verdict: 'Verdict only, no score',
  nothing: 'Nothing: only that it was received and judged',
};
const DIFFICULTY_TONE = { easy: 'success', medium: 'warning', hard: 'danger' } as const;

/** Create an assessment: challenges from the catalogue, time allowed, what candidates may see. */
export function NewAssessmentPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const catalogue = useQuery({ queryKey: ['catalogue'], queryFn: reviewApi.catalogue, staleTime: 300_000 });
  const [title, setTitle] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('');
  const [sees, setSees] = useState<CandidateSees>('score');
  const chosen = (catalogue.data?.challenges ?? []).filter((c) => picked.includes(c.slug));
  const defaultMinutes = chosen.reduce((sum, c) => sum + c.timeAllowedMinutes, 0);
  const create = useMutation({
    mutationFn: () => reviewApi.createAssessment({ title, challengeSlugs: picked, candidateSees: sees, ...(minutes ? { timeAllowedMinutes: Number(minutes) } : {}) }),
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: ['assessments'] });
      navigate(boardPath(a.id));
    },
  });
  const issue = (path: string) => issuesOf(create.error).find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
  const toggle = (slug: string) => setPicked((p) => (p.includes(slug) ? p.filter((s) => s !== slug) : [...p, slug]));

  return (
    <Page title="New assessment">
      <form
        className="new-assessment"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label="Title" error={issue('title')} hint="Candidates see it on their invitation page.">
          <TextInput value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} placeholder="Backend engineer take-home" />
        </Field>
        <fieldset className="challenge-picker" aria-describedby={issue('challengeSlugs') ? 'challenges-error' : undefined}>
          <legend>Challenges</legend>
          {catalogue.isError ? (
            <QueryError error={catalogue.error} what="the challenge catalogue" />
          ) : !catalogue.data ? (
            <Loading label="Loading the catalogue…" />
          ) : (
            <ul className="challenge-list">
              {catalogue.data.challenges.map((c) => (
                <li key={c.slug}>
                  <label className={`challenge-option${picked.includes(c.slug) ? ' picked' : ''}`}>
                    <input type="checkbox" checked={picked.includes(c.slug)} onChange={() => toggle(c.slug)} />
                    <span className="challenge-body">
                      <span className="challenge-head">
                        <span className="challenge-title">{c.title}</span>
                        <Badge tone={DIFFICULTY_TONE[c.difficulty as keyof typeof DIFFICULTY_TONE] ?? 'neutral'}>{c.difficulty}</Badge>
                        <span className="muted small">{c.kind} · {c.timeAllowedMinutes} min</span>
                      </span>
                      <span className="challenge-summary">{c.summary}</span>
                      <span className="muted small">{c.skills.join(' · ')}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {issue('challengeSlugs') && <p className="field-error" id="challenges-error">{issue('challengeSlugs')}</p>}
        </fieldset>
        <Field label="Time allowed (minutes)" error={issue('timeAllowedMinutes')} hint={defaultMinutes ? `Leave empty for ${defaultMinutes} min, the sum of the chosen challenges' own.` : 'Leave empty for the sum of the chosen challenges’ own time.'}>
          <TextInput type="number" min={5} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} placeholder={defaultMinutes ? String(defaultMinutes) : ''} />
        </Field>
        <Field label="What candidates see of their final submissions" error={issue('candidateSees')} hint="Test runs of the visible tests always show their results.">
          <Select value={sees} onChange={(e) => setSees(e.target.value as CandidateSees)}>
            {CANDIDATE_SEES.map((s) => (
              <option key={s} value={s}>{SEES_TEXT[s]}</option>
            ))}
          </Select>
        </Field>
        {create.isError && !issuesOf(create.error).length && <QueryError error={create.error} what="the assessment" />}
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!picked.length || !title.trim()}>
          Create assessment{picked.length ? ` with ${picked.length} ${picked.length === 1 ? 'challenge' : 'challenges'}` : ''}
        </Button>
      </form>
    </Page>
  );
}
