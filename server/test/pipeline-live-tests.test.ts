import type Dockerode from 'dockerode';
import type { SubmissionEvent, TestResult } from '@assay/shared';
import { createDockerClient } from '../src/platform/docker';
import { buildOnce } from './support/server-process';
import { ApiClient, eventually, openSocket, redisUrlFor, scratchDatabaseUrl, solutionFiles, startPipelineServer, watchSubmission, type PipelineServer } from './support/pipeline';

jest.setTimeout(300_000);

const ADMIN = { email: 'root-live-tests@example.com', password: 'correct horse battery staple' };
/** Inside the sandbox: the candidate's server answers the long hash of the last visible test only once this exists. */
const GATE = '/tmp/assay-release-long-hash';
let server: PipelineServer;
let docker: Dockerode;

beforeAll(async () => {
  buildOnce();
  docker = createDockerClient(process.env.DOCKER_SOCKET || undefined);
  server = await startPipelineServer({ DATABASE_URL: await scratchDatabaseUrl('live_tests'), ASSAY_ROLE: 'all', REDIS_URL: redisUrlFor(9), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
});
afterAll(async () => {
  await server?.stop();
});

/**
 * event-loop's naive solution, except that a hash of 1 000 000 rounds (only
 * the last visible test asks for one) waits for GATE, still answering
 * /health meanwhile: that test lasts until the test here releases it.
 */
function gatedSolution(): Record<string, string> {
  return solutionFiles('challenges/event-loop/solutions/naive', (files) => {
    const answer = 'send(res, 200, { digest: hashRounds(job.data, job.rounds) })';
    if (!files['main.js']!.includes(answer)) throw new Error('the naive event-loop solution changed: update gatedSolution()');
    files['main.js'] = files['main.js']!.replace(answer, `whenReleased(job.rounds, () => ${answer})`) + `
function whenReleased(rounds, then) {
  if (rounds < 1000000 || require('node:fs').existsSync(${JSON.stringify(GATE)})) return then();
  setTimeout(() => whenReleased(rounds, then), 20);
}
`;
  });
}

/** Creates GATE in the submission's running visible-test container (it is the only place the candidate's code can see). */
async function releaseGate(submissionId: string): Promise<void> {
  const running = await docker.listContainers({ filters: { label: [`assay.submission=${submissionId}`, 'assay.role=candidate'] } });
  expect(running).toHaveLength(1);
  const exec = await docker.getContainer(running[0]!.Id).exec({
    Cmd: ['node', '-e', `require('fs').writeFileSync(${JSON.stringify(GATE)}, '')`],
    Env: ['NODE_OPTIONS='], // not the probe: this process is not the candidate's
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise((resolve) => stream.on('end', resolve).resume());
  expect((await exec.inspect()).ExitCode).toBe(0);
}

const testsOf = (events: SubmissionEvent[]): TestResult[] => events.flatMap((e) => (e.type === 'test' ? [e.test] : []));

describe('visible-test results over socket.io', () => {
  it('sends each test result as soon as that test finishes, while later tests still run, and once', async () => {
    const staff = await new ApiClient(server.baseUrl).login(ADMIN.email, ADMIN.password);
    const assessment = await staff.post('/api/assessments', { title: 'Event loop', challengeSlugs: ['event-loop'] });
    expect(assessment.status).toBe(201);
    const invite = await staff.post(`/api/assessments/${assessment.body.id}/invitations`, { candidateName: 'Grace', candidateEmail: 'grace@example.com' });
    expect(invite.status).toBe(201);
    const candidate = ApiClient.candidate(server.baseUrl, invite.body.token);
    await candidate.post('/api/candidate/start');

    const socket = await openSocket(server.baseUrl, { token: invite.body.token });
    let id: string | undefined;
    let released = false;
    try {
      const sub = await candidate.post('/api/candidate/challenges/event-loop/submissions', { kind: 'test', files: gatedSolution() });
      expect(sub.status).toBe(202);
      id = sub.body.id as string;
      const { snapshot, events } = await watchSubmission(socket, id);
      const all = () => [...snapshot.events, ...events.filter((e) => e.seq > snapshot.seq)];

      // The last test is held at the gate: the first three results can only have come from a run still going.
      const early = await eventually(async () => (testsOf(all()).length >= 3 ? all() : undefined), 180_000, 'the first three test results');
      expect(testsOf(early)).toHaveLength(3);
      expect(early.some((e) => e.type === 'status' && e.status !== 'running' && e.status !== 'queued')).toBe(false);
      expect((await candidate.get(`/api/candidate/submissions/${id}`)).body.status).toBe('running');
      await releaseGate(id); // finds the visible-test container still running
      released = true;

      const isDone = (e: SubmissionEvent) => e.type === 'status' && (e.status === 'done' || e.status === 'failed');
      await eventually(async () => all().find(isDone), 120_000, 'the test run to finish');
      const final = await candidate.get(`/api/candidate/submissions/${id}`);
      expect(final.body).toMatchObject({ status: 'done', verdict: 'ACCEPTED', attempt: 1 });
      expect(final.body.tests).toHaveLength(4);

      // Each result once, in the tests' order, all before the run moves on; the early ones are the first three.
      const streamed = testsOf(all());
      expect(streamed).toEqual(final.body.tests);
      expect(testsOf(early)).toEqual(final.body.tests.slice(0, 3));
      const seqOf = (match: (e: SubmissionEvent) => boolean) => all().filter(match).map((e) => e.seq);
      const scoring = seqOf((e) => e.type === 'status' && e.status === 'scoring');
      expect(scoring).toHaveLength(1);
      expect(Math.max(...seqOf((e) => e.type === 'test'))).toBeLessThan(scoring[0]!);

      // A client arriving afterwards gets the same results from the snapshot, no duplicates.
      const late = await openSocket(server.baseUrl, { token: invite.body.token });
      try {
        const again = await watchSubmission(late, id);
        expect(testsOf(again.snapshot.events)).toEqual(final.body.tests);
      } finally {
        late.disconnect();
      }
    } finally {
      socket.disconnect();
      // After a failure, a held run ends now rather than at its time limit.
      if (id && !released) await releaseGate(id).catch(() => undefined);
    }
  });
});
