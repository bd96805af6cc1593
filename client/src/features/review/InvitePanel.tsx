import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { parseInvitationCsv, type CreatedInvitation } from '@assay/shared';
import { reviewApi } from '../../api/review';
import { ApiError } from '../../api/review.http';
import { useCandidateLabel } from './review.hooks';

const linkOf = (path: string) => `${window.location.origin}${path}`;

/** Invite one candidate, or many from a pasted or uploaded CSV; each new link is shown once, ready to copy. */
export function InvitePanel({ assessmentId }: { assessmentId: string }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<'one' | 'csv'>('one');
  const [created, setCreated] = useState<CreatedInvitation[]>([]);
  const done = (list: CreatedInvitation[]) => {
    setCreated((prev) => [...list, ...prev]);
    void client.invalidateQueries({ queryKey: ['board', assessmentId] });
    void client.invalidateQueries({ queryKey: ['assessments'] });
  };
  return (
    <section className="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite candidates</h2>
      <div role="tablist" aria-label="How to invite" className="tabs">
        <button type="button" role="tab" className="tab" aria-selected={mode === 'one'} onClick={() => setMode('one')}>One at a time</button>
        <button type="button" role="tab" className="tab" aria-selected={mode === 'csv'} onClick={() => setMode('csv')}>From a CSV</button>
      </div>
      {mode === 'one' ? <InviteOne assessmentId={assessmentId} onCreated={done} /> : <InviteCsv assessmentId={assessmentId} onCreated={done} />}
      {created.length > 0 && <CreatedLinks created={created} />}
    </section>
  );
}

function InviteOne({ assessmentId, onCreated }: { assessmentId: string; onCreated: (c: CreatedInvitation[]) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [extra, setExtra] = useState('0');
  const invite = useMutation({
    mutationFn: () => reviewApi.invite(assessmentId, { candidateName: name, candidateEmail: email, extraTimeMinutes: Number(extra) || 0 }),
    onSuccess: (c) => {
      onCreated([c]);
      setName('');
      setEmail('');
      setExtra('0');
    },
  });
  const issues = invite.error instanceof ApiError ? invite.error.issues : [];
  const fieldError = (f: string) => issues.find((i) => i.path === f)?.message;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate();
      }}
    >
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" aria-invalid={!!fieldError('candidateName')} />
        {fieldError('candidateName') && <small className="error-text">{fieldError('candidateName')}</small>}
      </label>
      <label className="field">
        <span>Email</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" aria-invalid={!!fieldError('candidateEmail')} />
        {fieldError('candidateEmail') && <small className="error-text">{fieldError('candidateEmail')}</small>}
      </label>
      <label className="field narrow">
        <span>Extra minutes</span>
        <input type="number" min={0} max={1440} value={extra} onChange={(e) => setExtra(e.target.value)} aria-invalid={!!fieldError('extraTimeMinutes')} />
      </label>
      <button type="submit" className="btn primary" disabled={invite.isPending}>{invite.isPending ? 'Inviting…' : 'Invite'}</button>
      {invite.isError && !issues.length && <p className="error-text" role="alert">{(invite.error as Error).message}</p>}
    </form>
  );
}

function InviteCsv({ assessmentId, onCreated }: { assessmentId: string; onCreated: (c: CreatedInvitation[]) => void }) {
  const [text, setText] = useState('');
  const parsed = parseInvitationCsv(text);
  const invite = useMutation({
    mutationFn: () => reviewApi.inviteMany(assessmentId, { rows: parsed.rows }),
    onSuccess: (r) => {
      onCreated(r.created);
      setText('');
    },
  });
  const serverIssues = invite.error instanceof ApiError ? invite.error.issues : [];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.rows.length && !parsed.issues.length) invite.mutate();
      }}
    >
      <label className="field">
        <span>Paste lines of <code>name, email, extra minutes</code> (a header line is fine; extra minutes may be left out)</span>
        <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder={'name,email,extra minutes\nAda Lovelace,ada@example.com,0\nGrace Hopper,grace@example.com,15'} spellCheck={false} className="mono" />
      </label>
      <label className="field">
        <span>…or upload a .csv file</span>
        <input type="file" accept=".csv,text/csv,text/plain" onChange={async (e) => setText(await (e.target.files?.[0]?.text() ?? Promise.resolve('')))} />
      </label>
      {text.trim() && (
        <div className="csv-preview" aria-live="polite">
          {parsed.issues.length > 0 ? (
            <ul className="issues" role="alert" aria-label="Lines to fix">
              {parsed.issues.map((i) => (
                <li key={i.line}>Line {i.line}: {i.message}</li>
              ))}
            </ul>
          ) : (
            <p>{parsed.rows.length} {parsed.rows.length === 1 ? 'candidate' : 'candidates'} ready to invite. Nothing is created until every line is right.</p>
          )}
        </div>
      )}
      {serverIssues.length > 0 && (
        <ul className="issues" role="alert">
          {serverIssues.map((i) => (
            <li key={i.path}>{i.path.replace(/^rows\.(\d+)\./, (_, n: string) => `Row ${Number(n) + 1}, `)}: {i.message}</li>
          ))}
        </ul>
      )}
      <button type="submit" className="btn primary" disabled={!parsed.rows.length || parsed.issues.length > 0 || invite.isPending}>
        {invite.isPending ? 'Inviting…' : `Invite ${parsed.rows.length || ''} ${parsed.rows.length === 1 ? 'candidate' : 'candidates'}`.replace('  ', ' ')}
      </button>
    </form>
  );
}

function CreatedLinks({ created }: { created: CreatedInvitation[] }) {
  const label = useCandidateLabel();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (text: string, key: string) => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopied(key);
  };
  return (
    <div className="created-links" data-testid="created-links">
      <h3>New invitation links</h3>
      <p className="notice notice-warn">Copy them now: each link is shown only once (only a hash of it is stored).</p>
      <ul>
        {created.map((c) => (
          <li key={c.invitation.id}>
            <span className="link-name">{label(c.invitation)}</span>
            <input readOnly value={linkOf(c.path)} aria-label={`Invitation link for ${label(c.invitation)}`} onFocus={(e) => e.target.select()} className="mono link-input" />
            <button type="button" className="btn small" onClick={() => copy(linkOf(c.path), c.invitation.id)}>{copied === c.invitation.id ? 'Copied' : 'Copy'}</button>
          </li>
        ))}
      </ul>
      {created.length > 1 && (
        <button type="button" className="btn small" onClick={() => copy(created.map((c) => `${c.invitation.candidateName},${c.invitation.candidateEmail},${linkOf(c.path)}`).join('\n'), 'all')}>
          {copied === 'all' ? 'Copied all' : 'Copy all as CSV'}
        </button>
      )}
    </div>
  );
}
