import { Link } from 'react-router';
import { Card, Page } from '../../ui';
import { useSession } from '../auth/session';

/** Staff landing page; the staff features add their entry points here. */
export function StaffHome() {
  const session = useSession();
  return (
    <Page title={`Welcome, ${session.data?.user.name ?? ''}`}>
      <Card title="Platform">
        <p>Check that the database, queue and Docker engine are up before inviting candidates.</p>
        <Link to="/status">Platform status</Link>
      </Card>
    </Page>
  );
}
