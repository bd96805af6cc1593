import { useQuery } from '@tanstack/react-query';
import { autoSubmissionReason, type ActivityEvent } from '@assay/shared';
import { fetchActivity } from '../../api/candidate';
import { ApiErrorView, Loading, Table } from '../../ui';

const KIND_LABELS: Record<ActivityEvent['kind'], string> = {
  started: 'Started the test',
  finished: 'Finished the test',
  paste: 'Pasted text',
  focus_lost: 'Left the page',
  focus_regained: 'Came back to the page',
  run: 'Ran the visible tests',
  submit: 'Submitted',
};

/** The candidate's own activity log, exactly what reviewers see. */
export function ActivityLog({ token }: { token: string }) {
  const q = useQuery({ queryKey: ['candidate', token, 'activity'], queryFn: ({ signal }) => fetchActivity(token, signal), meta: { auth: 'candidate' }, staleTime: 0 });
  if (q.isPending) return <Loading label="Loading your activity…" />;
  if (q.isError) return <ApiErrorView error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <p className="muted">{q.data.disclosure}</p>
      <Table
        caption="Your activity"
        hideCaption
        rows={q.data.events}
        rowKey={(e) => e.id}
        empty="Nothing recorded yet."
        columns={[
          { header: 'When', cell: (e) => new Date(e.occurredAt).toLocaleTimeString() },
          { header: 'What', cell: (e) => { const auto = autoSubmissionReason(e); return auto ? `Your last saved draft was submitted for you ${auto}` : KIND_LABELS[e.kind]; } },
          { header: 'Challenge', cell: (e) => e.challengeSlug ?? '' },
          { header: 'Details', cell: (e) => (typeof e.details.pasteChars === 'number' ? `${e.details.pasteChars} characters` : '') },
        ]}
      />
    </>
  );
}
