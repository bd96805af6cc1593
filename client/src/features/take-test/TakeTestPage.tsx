import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CandidateAssessment } from '@assay/shared';
import { fetchCandidateAssessment, startAssessment } from '../../api/candidate';
import { ApiError, toApiError } from '../../api/http';
import { liveClient } from '../../live/live.hooks';
import { ApiErrorView, Loading, Page, Shell } from '../../ui';
import { clockOffsetMs } from './clock';
import { FinishedPage } from './FinishedPage';
import { assessmentKey } from './keys';
import { InviteLanding } from './InviteLanding';
import { InviteProblem } from './InviteProblem';
import { refusedInvite } from './invite-refusal';
import { tokenTag } from './local-drafts';
import { OfflineAssessment } from './offline-assessment';
import { Workspace } from './Workspace';
import './take-test.css';


/** `/take/:token`: landing, workspace or the end page, by where the invitation stands. */
export default function TakeTestPage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  // Server clock minus local clock, refreshed with every answer.
  const [offsetMs, setOffsetMs] = useState(0);
  useEffect(() => liveClient.setCandidateToken(token), [token]);

  const offline = useMemo(() => new OfflineAssessment(typeof localStorage === 'undefined' ? null : localStorage, tokenTag(token)), [token]);
  const timed = async (load: () => Promise<CandidateAssessment>) => {
    const sentAt = Date.now();
    try {
      const a = await load();
      const offset = clockOffsetMs(a.serverTime, sentAt, Date.now());
      setOffsetMs(offset);
      offline.save(a, offset);
      return a;
    } catch (err) {
      // Reloaded while offline: the last copy opens the workspace; drafts come from local storage.
      const cached = err instanceof ApiError && err.isNetwork ? offline.load() : null;
      if (!cached) throw err;
      setOffsetMs(cached.offsetMs);
      setFromCache(true);
      return cached.assessment;
    }
  };
  const [fromCache, setFromCache] = useState(false);
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

  // Back online after an offline reload: ask the server again.
  useEffect(() => {
    if (!fromCache) return;
    const online = () => {
      setFromCache(false);
      void query.refetch();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [fromCache, query]);

  const a = query.data;
  useEffect(() => {
    if (a) document.title = `${a.title} · Assay`;
  }, [a]);

  let body;
  if (query.isPending) body = <Loading label="Opening your assessment…" />;
  else if (query.isError && !a) body = <InviteProblem error={toApiError(query.error)} onRetry={() => void query.refetch()} />;
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
  else body = <InviteProblem error={refusedInvite(a.state)} onRetry={() => void query.refetch()} />;

  return <Shell brand={<span className="brand">Assay</span>} aside={a ? <span className="muted">{a.candidateName}</span> : undefined}>{body}</Shell>;
}
