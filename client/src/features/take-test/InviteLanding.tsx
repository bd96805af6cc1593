import type { CandidateAssessment } from '@assay/shared';
import { Button, Card, Page } from '../../ui';

/** Before the clock starts: what the test is, how long, what is measured and recorded. */
export function InviteLanding({ assessment, onStart, starting }: { assessment: CandidateAssessment; onStart: () => void; starting: boolean }) {
  const minutes = assessment.timeAllowedMinutes + assessment.extraTimeMinutes;
  return (
    <Page title={assessment.title}>
      <p className="lead">Hello {assessment.candidateName}. When you are ready, start the test: the clock starts then, not before.</p>
      <div className="landing-grid">
        <Card title="Time allowed">
          <p className="big-figure">{formatMinutes(minutes)}</p>
          {assessment.extraTimeMinutes > 0 && <p className="muted">Includes {assessment.extraTimeMinutes} minutes of extra time.</p>}
          <p className="muted">Your work is saved as you type. When the time is up, or you finish early, each challenge you changed but did not submit is submitted for you with your latest code.</p>
        </Card>
        <Card title="What is measured">
          <ul className="plain-list">
            <li><strong>Correctness</strong>: hidden tests on inputs like the visible ones, and bigger.</li>
            <li><strong>Peak memory</strong> of your program while it runs.</li>
            <li><strong>P99 latency</strong> under load, for server challenges.</li>
          </ul>
          <p className="muted">Timings are compared with a reference solution run on the same machine at the same time.</p>
        </Card>
      </div>
      <Card title={`Challenges (${assessment.challenges.length})`}>
        <ol className="challenge-list">
          {assessment.challenges.map((c) => (
            <li key={c.slug}>
              <strong>{c.title}</strong> <span className="muted">· {c.difficulty} · about {c.timeAllowedMinutes} min</span>
              <p>{c.summary}</p>
            </li>
          ))}
        </ol>
      </Card>
      <Card title="What we record">
        <p>{assessment.activityDisclosure}</p>
      </Card>
      <div className="landing-start">
        <Button variant="primary" onClick={onStart} busy={starting}>Start test</Button>
        <span className="muted">The link stays valid until {new Date(assessment.expiresAt).toLocaleString()}.</span>
      </div>
    </Page>
  );
}

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}
