import { SessionInfoSchema, type LoginBody, type SessionInfo } from '@assay/shared';
import { ApiError, apiRequest, setCsrfToken } from './http';

/** Signs a staff member in; the session cookie is set by the server, the CSRF token kept for later writes. */
export async function login(body: LoginBody): Promise<SessionInfo> {
  const session = await apiRequest('/api/auth/login', { method: 'POST', body, schema: SessionInfoSchema, auth: 'none' });
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current staff session, or null when signed out or expired (401). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    const session = await apiRequest('/api/auth/me', { schema: SessionInfoSchema, signal });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw err;
  }
}

/** Ends the staff session on the server and forgets the CSRF token. */
export async function logout(): Promise<void> {
  await apiRequest('/api/auth/logout', { method: 'POST', schema: null });
  setCsrfToken(undefined);
}
