import { CandidateSubmissionSchema, RunSchema, type ProgramOutput } from '@assay/shared';
import { buildOnce } from './support/server-process';
import { eventually, redisUrlFor, scratchDatabaseUrl, setUpCandidate, startPipelineServer, type PipelineServer } from './support/pipeline';

jest.setTimeout(300_000);

const ADMIN = { email: 'root-logs@example.com', password: 'correct horse battery staple' };
const MARKER = 'boom-marker-7f3a';
let server: PipelineServer;

beforeAll(async () => {
  buildOnce();
  server = await startPipelineServer({ DATABASE_URL: await scratchDatabaseUrl('runlogs'), ASSAY_ROLE: 'all', REDIS_URL: redisUrlFor(7), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, WORKER_CONCURRENCY: '1' });
});
afterAll(async () => {
  await server?.stop();
});

describe('the candidate program output stored with a run', () => {
  it('shows a crash’s stderr to staff, its visible-test output to its own candidate, never a reference run’s output', async () => {
    const { candidate, staff } = await setUpCandidate(server.baseUrl, ADMIN);
    await candidate.post('/api/candidate/start');
    const crashing = `console.error(${JSON.stringify(MARKER)});\nprocess.exit(1);\n`;
    const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: { 'main.js': crashing } });
    expect(sub.status).toBe(202);
    const id = sub.body.id as string;

    const mine = await eventually(async () => {
      const res = await candidate.get(`/api/candidate/submissions/${id}`);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    }, 240_000, 'the submission to finish');
    expect(mine).toMatchObject({ status: 'done', verdict: 'RUNTIME_ERROR' });

    const detail = await staff.get(`/api/submissions/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.runs).toHaveLength(1);
    const run = RunSchema.parse(detail.body.runs[0]);
    expect(run.verdict).toBe('RUNTIME_ERROR');

    // The reference did run (stream-log scores relative to it) and printed its answer...
    expect(run.trials.map((t) => t.role)).toEqual(['reference', 'candidate']);
    // ...yet only the visible-test run and the candidate's trial have output, by structure.
    expect(run.output.map((o) => [o.source, o.trial])).toEqual([['tests', undefined], ['trial', 0]]);
    const trial = run.output[1]!;
    expect(trial).toMatchObject({ outcome: 'EXITED', exitCode: 1, stdout: { text: '', bytes: 0, truncated: false } });
    expect(trial.stderr.text).toContain(MARKER);
    expect(trial.stderr).toMatchObject({ bytes: Buffer.byteLength(trial.stderr.text), truncated: false });
    // The reference's answer is a JSON line with these keys: none of it is in a trial's output.
    const trials = run.output.filter((o: ProgramOutput) => o.source === 'trial');
    expect(JSON.stringify(trials)).not.toMatch(/p99DurationMs|topRoutes/);

    // The candidate reads their program's output in the visible tests only: its output on the
    // hidden inputs of the scored trial stays with staff, like the rest of staff's view.
    const own = CandidateSubmissionSchema.parse(mine);
    expect(own.output).toEqual(run.output.filter((o: ProgramOutput) => o.source === 'tests'));
    expect(own.output).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toMatch(/"detail"|"checks"|"trials"|"internalError"/);

    // Another candidate cannot read it.
    const other = await setUpCandidate(server.baseUrl, ADMIN);
    expect((await other.candidate.get(`/api/candidate/submissions/${id}`)).status).toBe(404);
  });
});
