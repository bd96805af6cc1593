import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CandidateAssessment } from '@assay/shared';
import { fetchCandidateAssessment, startAssessment } from '../../api/candidate';
import { liveClient } from '../../live/live.hooks';
import { ApiErrorView, Loading, Page, Shell } from '../../ui';
import { clockOffsetMs } from './clock';
import { FinishedPage } from './FinishedPage';
import { assessmentKey } from './keys';
import { InviteLanding } from './InviteLanding';
import { InviteProblem } from './InviteProblem';
import { Workspace } from './Workspace';
import './take-test.css';


/** `/take/:token`: landing, workspace or the end page, by where the invitation stands. */
export default function TakeTestPage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  // Server clock minus local clock, refreshed with every answer.
  const [offsetMs, setOffsetMs] = useState(0);
  const offsetKnown = useRef(false);
  useEffect(() => liveClient.setCandidateToken(token), [token]);

  const timed = async (load: () => Promise<CandidateAssessment>) => {
    const sentAt = Date.now();
    const a = await load();
    setOffsetMs(clockOffsetMs(a.serverTime, sentAt, Date.now()));
    offsetKnown.current = true;
    return a;
  };
  const query = useQuery({
    queryKey: assessmentKey(token),
    queryFn: ({ signal }) => timed(() => fetchCandidateAssessment(token, signal)),
    meta: { auth: 'candidate' },
    staleTime: Infinity,
    retry: (n, err) => (err as { isNetwork?: boolean }).isNetwork === true && n < 3,
  });
  const start = useMutation({
    mutationFn: () => timed(() => startAssessment(token)),
    onSuccess: (a) => qc.setQueryData(assessmentKey(token), a),
  });

  const a = query.data;
  useEffect(() => {
    if (a) document.title = `${a.title} · Assay`;
  }, [a]);

  let body;
  if (query.isPending) body = <Loading label="Opening your assessment…" />;
  else if (query.isError && !a) body = <InviteProblem error={query.error} onRetry={() => void query.refetch()} />;
  else if (!a) body = null;
  else if (a.state === 'pending') {
    body = (
      <>
        {start.isError && <Page narrow><ApiErrorView title="The test could not be started" error={start.error} /></Page>}
        <InviteLanding assessment={a} onStart={() => start.mutate()} starting={start.isPending} />
      </>
    );
  } else if (a.state === 'started') return <Workspace token={token} assessment={a} offsetMs={offsetMs} />;
  else if (a.state === 'finished') body = <FinishedPage token={token} assessment={a} />;
  else body = <InviteProblem error={{ status: 401, code: 'UNAUTHENTICATED', message: '', details: { invite: a.state === 'revoked' ? 'revoked' : 'expired' } }} onRetry={() => void query.refetch()} />;

  return <Shell brand={<span className="brand">Assay</span>} aside={a ? <span className="muted">{a.candidateName}</span> : undefined}>{body}</Shell>;
}
