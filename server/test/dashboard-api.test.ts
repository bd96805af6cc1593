import { AssessmentEventSchema, type AssessmentEvent, ReviewMeasurementsSchema, AssessmentBoardSchema, AssessmentOverviewListSchema, BulkInvitationResultSchema, ReviewListSchema, SimilarityReportSchema, StaffPreferencesSchema } from '@assay/shared';
import { buildOnce } from './support/server-process';
import { ApiClient, eventually, openSocket, redisUrlFor, scratchDatabaseUrl, solutionFiles, startPipelineServer, type PipelineServer } from './support/pipeline';

jest.setTimeout(600_000);

const ADMIN = { email: 'root-dashboard@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'interviewer-password-1';
let server: PipelineServer;
let admin: ApiClient;
let owner: ApiClient;
let other: ApiClient;

beforeAll(async () => {
  buildOnce();
  // Redis database 18: this file's queue and rate limits are its own (see redisUrlFor).
  server = await startPipelineServer({ DATABASE_URL: await scratchDatabaseUrl('dashboard'), ASSAY_ROLE: 'all', REDIS_URL: redisUrlFor(18), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  admin = await new ApiClient(server.baseUrl).login(ADMIN.email, ADMIN.password);
  for (const [email, name] of [['owner-d@example.com', 'Olivia Owner'], ['other-d@example.com', 'Oscar Other']]) {
    expect((await admin.post('/api/users', { email, name, role: 'interviewer', password: PASSWORD })).status).toBe(201);
  }
  owner = await new ApiClient(server.baseUrl).login('owner-d@example.com', PASSWORD);
  other = await new ApiClient(server.baseUrl).login('other-d@example.com', PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

/** The naive stream-log solution with every name changed and the comments gone: a copy a reviewer must see through. */
function renamedCopy(files: Record<string, string>): Record<string, string> {
  const renames: Record<string, string> = { lines: 'rows', malformed: 'broken', byStatus: 'statusCounts', routes: 'paths', durations: 'times', line: 'row', fields: 'parts', route: 'p', total: 'count', topRoutes: 'best', p99DurationMs: 'slowest' };
  const source = files['main.js']!.replace(/\/\*\*[\s\S]*?\*\//, '// my own work').replace(/\b[A-Za-z_]\w*\b/g, (w) => renames[w] ?? w);
  // The output keys must stay the same for the program to stay correct.
  return { 'main.js': source.replace('JSON.stringify({ count, broken, statusCounts, best, slowest })', 'JSON.stringify({ total: count, malformed: broken, byStatus: statusCounts, topRoutes: best, p99DurationMs: slowest })') };
}

describe('interviewer dashboard API', () => {
  let assessmentId: string;
  const links: { id: string; token: string; path: string }[] = [];

  it('invites a CSV batch all or nothing, naming each bad row, and returns each link once', async () => {
    const created = await owner.post('/api/assessments', { title: 'Dashboard take-home', challengeSlugs: ['stream-log'] });
    expect(created.status).toBe(201);
    assessmentId = created.body.id;

    const bad = await owner.post(`/api/assessments/${assessmentId}/invitations/bulk`, {
      rows: [
        { candidateName: 'Ada', candidateEmail: 'ada@example.com', extraTimeMinutes: 0 },
        { candidateName: 'Bob', candidateEmail: 'not-an-email', extraTimeMinutes: 0 },
        { candidateName: '', candidateEmail: 'c@example.com', extraTimeMinutes: -5 },
      ],
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['rows.1.candidateEmail', 'rows.2.candidateName', 'rows.2.extraTimeMinutes']));
    const dup = await owner.post(`/api/assessments/${assessmentId}/invitations/bulk`, {
      rows: [{ candidateName: 'Ada', candidateEmail: 'ada@example.com' }, { candidateName: 'Ada again', candidateEmail: 'ADA@example.com' }],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.issues).toEqual([{ path: 'rows.1.candidateEmail', message: 'same email as row 1' }]);
    expect((await owner.get(`/api/assessments/${assessmentId}/invitations`)).body.invitations).toEqual([]);

    const ok = await owner.post(`/api/assessments/${assessmentId}/invitations/bulk`, {
      rows: [{ candidateName: 'Ada Lovelace', candidateEmail: 'ada@example.com' }, { candidateName: 'Grace Hopper', candidateEmail: 'grace@example.com', extraTimeMinutes: 15 }],
    });
    expect(ok.status).toBe(201);
    const result = BulkInvitationResultSchema.parse(ok.body);
    expect(result.created.map((c) => [c.invitation.candidateName, c.invitation.extraTimeMinutes])).toEqual([['Ada Lovelace', 0], ['Grace Hopper', 15]]);
    for (const c of result.created) {
      expect(c.path).toBe(`/take/${c.token}`);
      links.push({ id: c.invitation.id, token: c.token, path: c.path });
    }
    expect(JSON.stringify((await owner.get(`/api/assessments/${assessmentId}/invitations`)).body)).not.toContain(result.created[0]!.token);
  });

  it('lists assessments with counts and serves the board', async () => {
    await ApiClient.candidate(server.baseUrl, links[0]!.token).post('/api/candidate/start');
    const list = AssessmentOverviewListSchema.parse((await owner.get('/api/dashboard/assessments')).body);
    const mine = list.assessments.find((a) => a.id === assessmentId)!;
    expect(mine.counts).toEqual({ invited: 2, inProgress: 1, submitted: 0, reviewed: 0, revoked: 0 });
    expect((await other.get('/api/dashboard/assessments')).body.assessments.find((a: { id: string }) => a.id === assessmentId)).toBeUndefined();
    expect((await admin.get('/api/dashboard/assessments')).body.assessments.some((a: { id: string }) => a.id === assessmentId)).toBe(true);

    const board = AssessmentBoardSchema.parse((await owner.get(`/api/dashboard/assessments/${assessmentId}`)).body);
    expect(board.rows.map((r) => [r.invitation.candidateName, r.invitation.state, r.reviewCount, r.topSimilarity])).toEqual([
      ['Ada Lovelace', 'started', 0, null],
      ['Grace Hopper', 'pending', 0, null],
    ]);
    expect(board.rows[0]!.invitation.deadlineAt).not.toBeNull();
    expect(board.rows[0]!.cells).toEqual({});
    expect(board.rows.map((r) => r.testRuns)).toEqual([{}, {}]);
  });

  it('counts test runs per candidate and challenge on the board', async () => {
    const ada = ApiClient.candidate(server.baseUrl, links[0]!.token);
    for (let i = 0; i < 2; i++) expect((await ada.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: { 'main.js': 'process.exit(1);\n' } })).status).toBe(202);
    const board = AssessmentBoardSchema.parse((await owner.get(`/api/dashboard/assessments/${assessmentId}`)).body);
    expect(board.rows.map((r) => [r.invitation.candidateName, r.testRuns, r.cells])).toEqual([
      ['Ada Lovelace', { 'stream-log': 2 }, {}], // test runs never fill a challenge's cell
      ['Grace Hopper', {}, {}],
    ]);
  });

  it('pushes every invitation change the board shows to the assessment room: start, extra time, finish, revocation, new invitations', async () => {
    const created = await owner.post('/api/assessments', { title: 'Live board', challengeSlugs: ['stream-log'] });
    const liveId = created.body.id as string;
    const made = BulkInvitationResultSchema.parse((await owner.post(`/api/assessments/${liveId}/invitations/bulk`, {
      rows: [{ candidateName: 'Carl Live', candidateEmail: 'carl@example.com' }, { candidateName: 'Dora Live', candidateEmail: 'dora@example.com' }],
    })).body).created;
    const [carl, dora] = made;
    const socket = await openSocket(server.baseUrl, { cookie: owner.cookie });
    const events: Extract<AssessmentEvent, { type: 'invitation' }>[] = [];
    socket.on('assessment:event', (raw) => {
      const e = AssessmentEventSchema.parse(raw); // what the server sends is the shared shape
      if (e.type === 'invitation') events.push(e);
    });
    try {
      expect(await socket.emitWithAck('assessment:subscribe', liveId)).toEqual({ ok: true });
      const seen = (n: number) => eventually(async () => (events.length >= n ? true : undefined), 10_000, `invitation event ${n}`);
      const candidate = ApiClient.candidate(server.baseUrl, carl!.token);
      await candidate.post('/api/candidate/start');
      await seen(1);
      expect(events[0]).toMatchObject({ assessmentId: liveId, invitationId: carl!.invitation.id, invitation: { state: 'started', candidateName: 'Carl Live' } });
      await candidate.post('/api/candidate/start'); // a second start changes nothing and says nothing
      expect((await owner.patch(`/api/invitations/${carl!.invitation.id}`, { extraTimeMinutes: 10 })).status).toBe(200);
      await seen(2);
      expect(events[1]!.invitation).toMatchObject({ state: 'started', extraTimeMinutes: 10 });
      expect(Date.parse(events[1]!.invitation.deadlineAt!) - Date.parse(events[0]!.invitation.deadlineAt!)).toBe(10 * 60_000);
      expect((await candidate.post('/api/candidate/finish')).status).toBe(200);
      await seen(3);
      expect(events[2]!.invitation.state).toBe('finished');
      expect((await owner.patch(`/api/invitations/${dora!.invitation.id}`, { revoked: true })).status).toBe(200);
      await seen(4);
      expect(events[3]).toMatchObject({ invitationId: dora!.invitation.id, invitation: { state: 'revoked' } });
      // New invitations, one by one or in bulk, reach a board already open.
      const one = await owner.post(`/api/assessments/${liveId}/invitations`, { candidateName: 'Emmy Live', candidateEmail: 'emmy@example.com' });
      expect(one.status).toBe(201);
      await seen(5);
      expect(events[4]).toMatchObject({ invitationId: one.body.invitation.id, invitation: { state: 'pending', candidateName: 'Emmy Live' } });
      expect(JSON.stringify(events[4])).not.toContain(one.body.token); // the link is for the inviter's answer only
      expect((await owner.post(`/api/assessments/${liveId}/invitations/bulk`, { rows: [{ candidateName: 'Fay Live', candidateEmail: 'fay@example.com' }, { candidateName: 'Gus Live', candidateEmail: 'gus@example.com' }] })).status).toBe(201);
      await seen(7);
      expect(events.slice(5).map((e) => [e.invitation.candidateName, e.invitation.state])).toEqual([['Fay Live', 'pending'], ['Gus Live', 'pending']]);
      expect(events).toHaveLength(7);
    } finally {
      socket.disconnect();
    }
  });

  it('refuses the dashboard to those who may not see it', async () => {
    const candidate = ApiClient.candidate(server.baseUrl, links[0]!.token);
    const anonymous = new ApiClient(server.baseUrl);
    for (const url of ['/api/dashboard/assessments', `/api/dashboard/assessments/${assessmentId}`, '/api/auth/me/preferences']) {
      expect((await anonymous.get(url)).status).toBe(401);
      expect((await candidate.get(url)).status).toBe(403);
    }
    expect((await other.get(`/api/dashboard/assessments/${assessmentId}`)).status).toBe(404);
    expect((await other.post(`/api/assessments/${assessmentId}/invitations/bulk`, { rows: [{ candidateName: 'X', candidateEmail: 'x@example.com' }] })).status).toBe(404);
    expect((await owner.get('/api/dashboard/assessments/not-a-uuid')).status).toBe(400);
  });

  it('keeps each interviewer’s anonymized preference on the server', async () => {
    expect(StaffPreferencesSchema.parse((await owner.get('/api/auth/me/preferences')).body)).toEqual({ anonymized: false });
    expect((await owner.patch('/api/auth/me/preferences', { anonymized: true })).body).toEqual({ anonymized: true });
    expect((await owner.get('/api/auth/me/preferences')).body).toEqual({ anonymized: true });
    expect((await other.get('/api/auth/me/preferences')).body).toEqual({ anonymized: false });
    const bad = await owner.patch('/api/auth/me/preferences', { anonymized: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('anonymized');
    expect((await owner.get('/api/auth/me/preferences')).body).toEqual({ anonymized: true });
  });

  it('hides other reviewers’ reviews until the caller has saved their own, admins included', async () => {
    const inv = links[0]!.id;
    expect((await owner.put(`/api/invitations/${inv}/review`, { notes: 'Reads it all into memory.', ratings: { memory: 1 }, decision: 'hold' })).status).toBe(200);
    const before = ReviewListSchema.parse((await admin.get(`/api/invitations/${inv}/reviews`)).body);
    expect(before).toEqual({ reviews: [], hiddenCount: 1 });
    expect(JSON.stringify(before)).not.toContain('Reads it all');
    const mine = ReviewListSchema.parse((await owner.get(`/api/invitations/${inv}/reviews`)).body);
    expect(mine.reviews.map((r) => r.reviewer.name)).toEqual(['Olivia Owner']);
    expect((await admin.put(`/api/invitations/${inv}/review`, { notes: 'Agree.', ratings: { memory: 2 }, decision: 'reject' })).status).toBe(200);
    const after = ReviewListSchema.parse((await admin.get(`/api/invitations/${inv}/reviews`)).body);
    expect(after.hiddenCount).toBe(0);
    expect(after.reviews.map((r) => [r.reviewer.name, r.decision])).toEqual([['Olivia Owner', 'hold'], ['Administrator', 'reject']]);
    expect((await other.get(`/api/dashboard/assessments/${assessmentId}`)).status).toBe(404); // reviewing gives no access to the assessment
    const board = AssessmentBoardSchema.parse((await owner.get(`/api/dashboard/assessments/${assessmentId}`)).body);
    expect(board.rows[0]).toMatchObject({ reviewCount: 2, reviewedByMe: true });
    expect(board.rows[1]).toMatchObject({ reviewCount: 0, reviewedByMe: false });
  });

  it('flags a submitted copy of another candidate’s solution with renamed variables, with the shared regions', async () => {
    const [ada, grace] = links.map((l) => ApiClient.candidate(server.baseUrl, l.token));
    await grace!.post('/api/candidate/start');
    const original = solutionFiles('challenges/stream-log/solutions/naive');
    const first = await ada!.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: original });
    expect(first.status).toBe(202);
    await eventually(async () => ((await owner.get(`/api/submissions/${first.body.id}/similarity`)).body.checked ? true : undefined), 300_000, "Ada's similarity check");
    const copy = await grace!.post('/api/candidate/challenges/stream-log/submissions', { kind: 'final', files: renamedCopy(original) });
    expect(copy.status).toBe(202);
    const report = SimilarityReportSchema.parse(
      await eventually(async () => {
        const res = await owner.get(`/api/submissions/${copy.body.id}/similarity`);
        return res.body.checked ? res.body : undefined;
      }, 300_000, "Grace's similarity check"),
    );
    expect(report.method).toMatch(/Winnowing/);
    const fromAda = report.matches.find((m) => m.other.kind === 'submission');
    expect(fromAda).toMatchObject({ other: { kind: 'submission', submissionId: first.body.id, candidateName: 'Ada Lovelace' }, flagged: true });
    expect(fromAda!.share).toBeGreaterThan(0.8);
    expect(fromAda!.regions.length).toBeGreaterThan(0);
    expect(fromAda!.regions[0]!.a.file).toBe('main.js');
    expect(fromAda!.otherFiles['main.js']).toBe(original['main.js']);
    // The challenge's own naive solution is in the comparison set too.
    expect(report.matches.find((m) => m.other.kind === 'solution' && m.other.name === 'naive')).toMatchObject({ flagged: true });

    // The original now shows the copy as well, and the board flags both candidates.
    const mirrored = SimilarityReportSchema.parse((await owner.get(`/api/submissions/${first.body.id}/similarity`)).body);
    expect(mirrored.matches.find((m) => m.other.kind === 'submission' && m.other.submissionId === copy.body.id)?.flagged).toBe(true);
    const board = AssessmentBoardSchema.parse((await owner.get(`/api/dashboard/assessments/${assessmentId}`)).body);
    expect(board.rows.every((r) => (r.topSimilarity ?? 0) > 0.8)).toBe(true);
    expect(board.rows[1]!.cells['stream-log']).toMatchObject({ submissionId: copy.body.id, status: 'done', finalCount: 1 });

    expect((await other.get(`/api/submissions/${copy.body.id}/similarity`)).status).toBe(404);
    expect((await other.get(`/api/submissions/${copy.body.id}/measurements`)).status).toBe(404);

    // The memory chart's data is stored with the run: samples, the limit at this scale, the Node baseline.
    const measured = ReviewMeasurementsSchema.parse((await owner.get(`/api/submissions/${copy.body.id}/measurements`)).body);
    expect(measured.runId).not.toBeNull();
    expect(measured.memory.trials.length).toBeGreaterThan(0);
    expect(measured.memory.trials[0]!.samples.length).toBeGreaterThan(0);
    expect(measured.memory.limitBytes).toBe(128 * 1024 * 1024);
    expect(measured.memory.baselineBytes).toBeGreaterThan(0);
    expect(measured.memory.timelineMethod).toMatch(/proc/);
    expect(measured.latency).toBeNull(); // a batch challenge
    const starter = await owner.get(`/api/submissions/${copy.body.id}/starter`);
    expect(starter.body.files['main.js']).toBe(solutionFiles('challenges/stream-log/starter')['main.js']);
    expect((await other.get(`/api/submissions/${copy.body.id}/starter`)).status).toBe(404);
    const counts = AssessmentOverviewListSchema.parse((await owner.get('/api/dashboard/assessments')).body).assessments.find((a) => a.id === assessmentId)!.counts;
    expect(counts).toMatchObject({ invited: 2, submitted: 2, reviewed: 1 });
  });
});
