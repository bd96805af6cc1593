import { useParams } from 'react-router';
import { Page } from '../../ui';

/** `/take/:token`: the candidate's test (placeholder until stage 2). */
export default function TakeTestPage() {
  const { token } = useParams();
  return <Page title="Your assessment" narrow><p>Loading invitation {token ? '' : '(no token)'}…</p></Page>;
}
