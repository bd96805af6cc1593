import './review.css';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { AssessmentOverview } from '@assay/shared';
import { reviewApi } from '../../api/review';
import { Loading, Page, Table, type Column } from '../../ui';
import { AnonymizedToggle } from './AnonymizedToggle';
import { QueryError } from './QueryState';
import { boardPath, newAssessmentPath } from './review.paths';

const columns: Column<AssessmentOverview>[] = [
  {
    header: 'assessment',
    cell: (a) => (
      <>
        <Link to={boardPath(a.id)} className="strong-link">{a.title}</Link>
        <div className="muted small">{a.challenges.map((c) => c.title).join(' · ')}</div>
      </>
    ),
  },
  { header: 'time', cell: (a) => `${a.timeAllowedMinutes} min`, numeric: true },
  { header: 'invited', cell: (a) => a.counts.invited, numeric: true },
  { header: 'in progress', cell: (a) => a.counts.inProgress, numeric: true },
  { header: 'submitted', cell: (a) => a.counts.submitted, numeric: true },
  { header: 'reviewed', cell: (a) => a.counts.reviewed, numeric: true },
  { header: 'created', cell: (a) => <><time dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleDateString('en-GB')}</time><div className="muted small">{a.createdBy.name}</div></> },
];

/** The interviewer's assessments (every assessment for admins) with where their candidates stand. */
export function AssessmentsPage() {
  const list = useQuery({ queryKey: ['assessments'], queryFn: reviewApi.assessments });
  return (
    <Page
      title="Assessments"
      actions={
        <>
          <AnonymizedToggle />
          <Link to={newAssessmentPath()} className="btn btn-primary btn-md">New assessment</Link>
        </>
      }
    >
      {list.isError ? (
        <QueryError error={list.error} what="your assessments" onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Loading label="Loading assessments…" />
      ) : (
        <Table
          caption="Your assessments"
          hideCaption
          columns={columns}
          rows={list.data.assessments}
          rowKey={(a) => a.id}
          empty={<>No assessments yet. <Link to={newAssessmentPath()}>Create the first one</Link>: pick challenges, set the time, then invite candidates.</>}
        />
      )}
    </Page>
  );
}
