import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { UserRole } from '@assay/shared';
import { ApiErrorView, Loading, Page } from '../../ui';
import { useSession, wasSignedIn } from './session';

/**
 * Renders its children only for a signed-in staff member (of `roles`, when
 * given); otherwise sends them to /login, saying whether their session
 * expired, and back here afterwards.
 */
export function RequireStaff({ children, roles }: { children: ReactNode; roles?: UserRole[] }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Checking your session…" />;
  if (session.isError) return <Page narrow><ApiErrorView error={session.error} onRetry={() => void session.refetch()} /></Page>;
  if (!session.data) {
    const params = new URLSearchParams({ next: location.pathname + location.search });
    if (wasSignedIn()) params.set('reason', 'expired');
    return <Navigate to={`/login?${params}`} replace />;
  }
  if (roles && !roles.includes(session.data.user.role)) {
    return <Page title="Not allowed" narrow><p>This page is for {roles.join(' or ')} accounts.</p></Page>;
  }
  return <>{children}</>;
}
