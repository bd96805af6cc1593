import '../review/review.css';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { USER_ROLES, type User, type UserRole } from '@assay/shared';
import { issuesOf, reviewApi } from '../../api/review';
import { ApiErrorView, Badge, Button, Card, Field, Loading, Page, Select, Table, TextInput, useConfirm, useToast, type Column } from '../../ui';
import { useSession } from '../auth/session';

/** Accounts: add interviewers (or admins), change roles, disable and re-enable. Admins only (the API enforces it). */
export function AdminPage() {
  const session = useSession();
  const users = useQuery({ queryKey: ['users'], queryFn: reviewApi.users });
  if (session.data && session.data.user.role !== 'admin') {
    return (
      <Page title="Accounts" narrow>
        <p className="callout callout-info">Only admins manage accounts. Ask an admin to add a colleague or change a role.</p>
      </Page>
    );
  }
  return (
    <Page title="Accounts">
      {users.isError ? <ApiErrorView error={users.error} onRetry={() => void users.refetch()} /> : !users.data ? <Loading label="Loading accounts…" /> : <UserTable users={users.data.users} me={session.data?.user.id} />}
      <AddUser />
    </Page>
  );
}

function UserTable({ users, me }: { users: User[]; me: string | undefined }) {
  const client = useQueryClient();
  const confirm = useConfirm();
  const toast = useToast();
  const change = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { role?: UserRole; disabled?: boolean } }) => reviewApi.changeUser(id, body),
    onSuccess: (u) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      toast(`${u.name}: ${u.disabled ? 'disabled' : `${u.role}, active`}.`, { tone: 'success' });
    },
    onError: (err) => toast((err as Error).message, { tone: 'danger' }),
  });
  const columns: Column<User>[] = [
    { header: 'name', cell: (u) => <>{u.name}{u.id === me && <span className="muted"> (you)</span>}<div className="muted small">{u.email}</div></> },
    {
      header: 'role',
      cell: (u) => (
        <Select
          aria-label={`Role of ${u.name}`}
          value={u.role}
          disabled={u.id === me}
          onChange={async (e) => {
            const role = e.target.value as UserRole;
            if (await confirm({ title: `Make ${u.name} ${role === 'admin' ? 'an admin' : 'an interviewer'}?`, body: 'Their open sessions end; they sign in again with the new role.', confirmLabel: 'Change role' })) change.mutate({ id: u.id, body: { role } });
          }}
          className="compact-select"
        >
          {USER_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </Select>
      ),
    },
    { header: 'status', cell: (u) => (u.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>) },
    { header: 'since', cell: (u) => <time dateTime={u.createdAt}>{new Date(u.createdAt).toLocaleDateString('en-GB')}</time> },
    {
      header: <span className="sr-only">actions</span>,
      cell: (u) =>
        u.id === me ? null : u.disabled ? (
          <Button size="sm" onClick={() => change.mutate({ id: u.id, body: { disabled: false } })}>Enable</Button>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            className="danger-text"
            onClick={async () => {
              if (await confirm({ title: `Disable ${u.name}?`, body: 'They are signed out everywhere at once and cannot sign in until re-enabled. Their reviews stay.', confirmLabel: 'Disable', variant: 'danger' })) change.mutate({ id: u.id, body: { disabled: true } });
            }}
          >
            Disable
          </Button>
        ),
    },
  ];
  return <Table caption="Staff accounts" columns={columns} rows={users} rowKey={(u) => u.id} />;
}

function AddUser() {
  const client = useQueryClient();
  const toast = useToast();
  const [form, setForm] = useState({ name: '', email: '', role: 'interviewer' as UserRole, password: '' });
  const create = useMutation({
    mutationFn: () => reviewApi.createUser(form),
    onSuccess: (u) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      toast(`${u.name} can now sign in as ${u.role}.`, { tone: 'success' });
      setForm({ name: '', email: '', role: 'interviewer', password: '' });
    },
  });
  const issue = (f: string) => issuesOf(create.error).find((i) => i.path === f)?.message;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <Card title="Add a colleague">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label="Name" error={issue('name')}>
          <TextInput value={form.name} onChange={set('name')} required autoComplete="off" />
        </Field>
        <Field label="Email" error={issue('email')}>
          <TextInput type="email" value={form.email} onChange={set('email')} required autoComplete="off" />
        </Field>
        <Field label="Role" error={issue('role')}>
          <Select value={form.role} onChange={set('role')}>
            <option value="interviewer">interviewer</option>
            <option value="admin">admin</option>
          </Select>
        </Field>
        <Field label="First password" error={issue('password')}>
          <TextInput type="password" value={form.password} onChange={set('password')} required minLength={12} autoComplete="new-password" />
        </Field>
        <p className="muted small form-note">
          Interviewers see their own assessments; admins see every assessment and manage accounts. The first password needs at least 12 characters: give it to them in person or over a channel you trust.
        </p>
        {create.isError && !issuesOf(create.error).length && <ApiErrorView error={create.error} title="Not added" />}
        <div>
          <Button type="submit" variant="primary" busy={create.isPending}>Add account</Button>
        </div>
      </form>
    </Card>
  );
}
