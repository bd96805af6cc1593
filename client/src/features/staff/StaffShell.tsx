import { NavLink, Outlet, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { logout } from '../../api/auth';
import { liveClient } from '../../live/live.hooks';
import { Button, Shell } from '../../ui';
import { rememberSignedIn, useSession } from '../auth/session';

/**
 * Links of the staff navigation. Staff features add their entry here (one
 * line each) and their routes in router.tsx.
 */
export const STAFF_NAV: { to: string; label: string; end?: boolean; adminOnly?: boolean }[] = [
  { to: '/', label: 'Home', end: true },
  { to: '/assessments', label: 'Assessments' },
  { to: '/admin', label: 'Accounts', adminOnly: true },
  { to: '/calibrate', label: 'Calibration' },
  { to: '/status', label: 'Platform status' },
];

/** Frame of every staff page: navigation, who is signed in, sign out. */
export function StaffShell() {
  const session = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const signOut = async () => {
    await logout().catch(() => undefined);
    rememberSignedIn(false);
    liveClient.close();
    qc.clear();
    navigate('/login', { replace: true });
  };
  return (
    <Shell
      nav={STAFF_NAV.filter((l) => !l.adminOnly || session.data?.user.role === 'admin').map((l) => <NavLink key={l.to} to={l.to} end={l.end}>{l.label}</NavLink>)}
      aside={
        <>
          <span className="muted">{session.data?.user.name} <span className="sr-only">signed in as</span>({session.data?.user.role})</span>
          <Button size="sm" onClick={() => void signOut()}>Sign out</Button>
        </>
      }
    >
      <Outlet />
    </Shell>
  );
}
