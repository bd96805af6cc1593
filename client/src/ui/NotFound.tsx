import { Link } from 'react-router';
import { Page } from './Layout';

/** Shown for any path the app does not know. */
export function NotFound() {
  return (
    <Page title="Page not found" narrow>
      <p>There is nothing at this address. Check the link, or go back to the start.</p>
      <p><Link to="/">Go to the start page</Link></p>
    </Page>
  );
}
