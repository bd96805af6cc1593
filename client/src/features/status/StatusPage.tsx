import { Link } from 'react-router';
import { Page, Shell } from '../../ui';
import { PlatformStatus } from './PlatformStatus';

/** `/status`: public, so an operator can check the platform without signing in. */
export function StatusPage() {
  return (
    <Shell brand={<Link className="brand" to="/">Assay</Link>}>
      <Page title="Platform status">
        <p className="tagline">Judging whether code is fast, lean and correct under load.</p>
        <PlatformStatus />
      </Page>
    </Shell>
  );
}
