import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiErrorView, Badge, Card, Loading, Page, Table } from '../../ui';
import { calibrationKeys, exportCsvUrl, fetchAssessments, fetchChallenges } from '../../api/calibration';
import { useSession } from '../auth/session';

/** Entry of panel calibration: every challenge's rubric, and each assessment's agreement and export. */
export default function CalibratePage() {
  const challenges = useQuery({ queryKey: calibrationKeys.challenges, queryFn: ({ signal }) => fetchChallenges(signal) });
  const assessments = useQuery({ queryKey: calibrationKeys.assessments, queryFn: ({ signal }) => fetchAssessments(signal) });
  const admin = useSession().data?.user.role === 'admin';
  return (
    <Page title="Calibration" actions={admin ? <Link className="btn btn-secondary btn-md" to="/calibrate/webhook">Webhook settings</Link> : undefined}>
      <Card title="Rubrics">
        <p className="muted">Edit a challenge's rubric as a draft, preview what it does to every scored submission, then publish it as the next version.</p>
        {challenges.isPending ? <Loading label="Loading challenges…" /> : challenges.isError ? <ApiErrorView error={challenges.error} onRetry={() => void challenges.refetch()} /> : (
          <Table
            caption="Challenges and the rubric version in force"
            hideCaption
            rows={challenges.data.challenges}
            rowKey={(c) => c.slug}
            empty="No challenges are synced yet."
            columns={[
              { header: 'challenge', cell: (c) => <Link to={`/calibrate/rubrics/${c.slug}`}>{c.title}</Link> },
              { header: 'difficulty', cell: (c) => c.difficulty },
              { header: 'rubric in force', cell: (c) => (c.rubricVersion ? <Badge tone="info">{c.rubricVersion}</Badge> : <Badge>none</Badge>) },
            ]}
          />
        )}
      </Card>
      <Card title="Assessments">
        <p className="muted">How far reviewers agree with each other and with the automatic score, and every result as a spreadsheet.</p>
        {assessments.isPending ? <Loading label="Loading assessments…" /> : assessments.isError ? <ApiErrorView error={assessments.error} onRetry={() => void assessments.refetch()} /> : (
          <Table
            caption="Assessments"
            hideCaption
            rows={assessments.data.assessments}
            rowKey={(a) => a.id}
            empty="No assessments yet."
            columns={[
              { header: 'assessment', cell: (a) => a.title },
              { header: 'challenges', cell: (a) => a.challenges.map((c) => c.title).join(', ') },
              { header: 'made by', cell: (a) => a.createdBy.name },
              { header: <span className="sr-only">Actions</span>, cell: (a) => (
                <span className="row-actions">
                  <Link to={`/calibrate/assessments/${a.id}`}>Reviewer agreement<span className="sr-only"> for {a.title}</span></Link>
                  <a href={exportCsvUrl(a.id)} download>Export CSV<span className="sr-only"> of {a.title}</span></a>
                </span>
              ) },
            ]}
          />
        )}
      </Card>
    </Page>
  );
}
