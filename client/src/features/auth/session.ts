import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@assay/shared';
import { fetchSession } from '../../api/auth';
import { SESSION_KEY } from '../../api/query-client';

/** Marks that this tab was signed in, so a later 401 reads as "your session expired", not "please sign in". */
const SIGNED_IN_FLAG = 'assay.staff.signedIn';

export function rememberSignedIn(on: boolean): void {
  try {
    if (on) sessionStorage.setItem(SIGNED_IN_FLAG, '1');
    else sessionStorage.removeItem(SIGNED_IN_FLAG);
  } catch {
    // storage disabled: the message is just less specific
  }
}

export function wasSignedIn(): boolean {
  try {
    return sessionStorage.getItem(SIGNED_IN_FLAG) === '1';
  } catch {
    return false;
  }
}

/** The staff session: `data` null when signed out. */
export function useSession() {
  return useQuery<SessionInfo | null>({ queryKey: SESSION_KEY, queryFn: ({ signal }) => fetchSession(signal), staleTime: 60_000 });
}

/** Puts a fresh session (from login) into the cache. */
export function useSetSession(): (s: SessionInfo | null) => void {
  const qc = useQueryClient();
  return (s) => qc.setQueryData(SESSION_KEY, s);
}
