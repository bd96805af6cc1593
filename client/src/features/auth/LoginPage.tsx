import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { login } from '../../api/auth';
import { toApiError } from '../../api/http';
import { Button, Field, Page, TextInput } from '../../ui';
import { rememberSignedIn, useSetSession } from './session';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Staff sign-in. Says plainly when a password was wrong or a session expired. */
export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      rememberSignedIn(true);
      setSession(session);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate({ email: email.trim(), password });
  };
  const error = mutation.error ? toApiError(mutation.error) : null;
  const message = !error ? null
    : error.status === 401 ? 'Wrong email or password. Check both and try again.'
    : error.status === 429 ? 'Too many sign-in attempts. Wait a few minutes, then try again.'
    : error.code === 'VALIDATION_FAILED' ? 'Enter a valid email address and your password.'
    : error.message;
  return (
    <Page title="Sign in to Assay" narrow>
      {params.get('reason') === 'expired' && !error && (
        <div className="callout callout-warning" role="status">
          <p>Your session has expired. Sign in again to continue where you were.</p>
        </div>
      )}
      <form className="card" onSubmit={onSubmit} noValidate aria-describedby={message ? 'login-error' : undefined}>
        {message && <div className="callout callout-danger" role="alert" id="login-error"><p>{message}</p></div>}
        <Field label="Email">
          <TextInput type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </Field>
        <Field label="Password">
          <TextInput type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <Button type="submit" variant="primary" busy={mutation.isPending}>Sign in</Button>
      </form>
      <p className="muted">Candidates: open the link from your invitation email instead; you do not need an account.</p>
    </Page>
  );
}
