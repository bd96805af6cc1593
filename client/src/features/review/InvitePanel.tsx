import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { parseInvitationCsv, type CreatedInvitation } from '@assay/shared';
import { issuesOf, reviewApi } from '../../api/review';
import { Button, Card, Field, Tabs, Textarea, TextInput } from '../../ui';
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
    <Card title="Invite candidates" className="invite-panel">
      <Tabs
        label="How to invite"
        selected={mode}
        onSelect={(m) => setMode(m as 'one' | 'csv')}
        tabs={[
          { id: 'one', label: 'One at a time', panel: <InviteOne assessmentId={assessmentId} onCreated={done} /> },
          { id: 'csv', label: 'From a CSV', panel: <InviteCsv assessmentId={assessmentId} onCreated={done} /> },
        ]}
      />
      {created.length > 0 && <CreatedLinks created={created} />}
    </Card>
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
  const issues = issuesOf(invite.error);
  const fieldError = (f: string) => issues.find((i) => i.path === f)?.message;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate();
      }}
    >
      <Field label="Name" error={fieldError('candidateName')}>
        <TextInput value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
      </Field>
      <Field label="Email" error={fieldError('candidateEmail')}>
        <TextInput type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
      </Field>
      <Field label="Extra minutes" error={fieldError('extraTimeMinutes')}>
        <TextInput type="number" min={0} max={1440} value={extra} onChange={(e) => setExtra(e.target.value)} className="narrow" />
      </Field>
      <Button type="submit" variant="primary" busy={invite.isPending}>Invite</Button>
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
  const serverIssues = issuesOf(invite.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.rows.length && !parsed.issues.length) invite.mutate();
      }}
    >
      <Field label="Paste lines of name, email, extra minutes" hint="A header line is fine; extra minutes may be left out. Commas or semicolons.">
        <Textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder={'name,email,extra minutes\nAda Lovelace,ada@example.com,0\nGrace Hopper,grace@example.com,15'} spellCheck={false} className="mono" />
      </Field>
      <Field label="…or upload a .csv file">
        <input type="file" accept=".csv,text/csv,text/plain" onChange={async (e) => setText(await (e.target.files?.[0]?.text() ?? Promise.resolve('')))} />
      </Field>
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
            <li key={i.path}>{i.path.replace(/^rows\.(\d+)\./, (_: string, n: string) => `Row ${Number(n) + 1}, `)}: {i.message}</li>
          ))}
        </ul>
      )}
      <Button type="submit" variant="primary" disabled={!parsed.rows.length || parsed.issues.length > 0} busy={invite.isPending}>
        {parsed.rows.length === 1 ? 'Invite 1 candidate' : parsed.rows.length ? `Invite ${parsed.rows.length} candidates` : 'Invite candidates'}
      </Button>
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
      <p className="callout callout-warning">Copy them now: each link is shown only once (only a hash of it is stored).</p>
      <ul>
        {created.map((c) => (
          <li key={c.invitation.id}>
            <span className="link-name">{label(c.invitation)}</span>
            <input readOnly value={linkOf(c.path)} aria-label={`Invitation link for ${label(c.invitation)}`} onFocus={(e) => e.target.select()} className="mono link-input" />
            <Button size="sm" onClick={() => void copy(linkOf(c.path), c.invitation.id)}>{copied === c.invitation.id ? 'Copied' : 'Copy link'}</Button>
          </li>
        ))}
      </ul>
      {created.length > 1 && (
        <Button size="sm" onClick={() => void copy(created.map((c) => `${c.invitation.candidateName},${c.invitation.candidateEmail},${linkOf(c.path)}`).join('\n'), 'all')}>
          {copied === 'all' ? 'Copied all' : 'Copy all as CSV'}
        </Button>
      )}
    </div>
  );
}
