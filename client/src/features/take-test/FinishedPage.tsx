import { useQuery } from '@tanstack/react-query';
import type { CandidateAssessment } from '@assay/shared';
import { listCandidateSubmissions } from '../../api/candidate';
import { ApiErrorView, Card, Loading, Page } from '../../ui';
import { ActivityLog } from './ActivityLog';
import { SubmissionProgress } from './SubmissionProgress';

/** After the deadline or "Finish test": what was handed in, and what the candidate may see of it. */
export function FinishedPage({ token, assessment }: { token: string; assessment: CandidateAssessment }) {
  const subs = useQuery({ queryKey: ['candidate', token, 'submissions'], queryFn: ({ signal }) => listCandidateSubmissions(token, signal), meta: { auth: 'candidate' } });
  return (
    <Page title="Your test is finished">
      <p className="lead">Thank you, {assessment.candidateName}. Everything you submitted has reached the hiring team{assessment.finishedAt ? ` (finished ${new Date(assessment.finishedAt).toLocaleString()})` : ''}.</p>
      {subs.isPending && <Loading />}
      {subs.isError && <ApiErrorView error={subs.error} onRetry={() => void subs.refetch()} />}
      {subs.data && assessment.challenges.map((c) => {
        const final = subs.data.filter((s) => s.challengeSlug === c.slug && s.kind === 'final').at(-1);
        return (
          <Card key={c.slug} title={c.title}>
            {final ? <SubmissionProgress submissionId={final.id} memoryLimitMiB={c.memoryLimitMiB} /> : <p className="muted">Nothing was submitted for this challenge.</p>}
          </Card>
        );
      })}
      <Card title="Your activity log">
        <ActivityLog token={token} />
      </Card>
    </Page>
  );
}
