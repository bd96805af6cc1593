import { buildOnce } from './support/server-process';
import { ApiClient, openSocket, redisUrlFor, solutionFiles, startPipelineServer, type PipelineServer } from './support/pipeline';

jest.setTimeout(120_000);

const ADMIN = { email: 'root-authz@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'interviewer-password-1';
let server: PipelineServer;

type Who = 'anonymous' | 'candidateA' | 'candidateB' | 'owner' | 'otherInterviewer' | 'admin';
const clients = {} as Record<Who, ApiClient>;
let ids: Record<'assessment' | 'invitationA' | 'submissionA' | 'userOwner' | 'userVictim', string>;

beforeAll(async () => {
  buildOnce();
  server = await startPipelineServer({ ASSAY_ROLE: 'api', REDIS_URL: redisUrlFor(13), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  const base = server.baseUrl;
  clients.admin = await new ApiClient(base).login(ADMIN.email, ADMIN.password);
  const owner = await clients.admin.post('/api/users', { email: 'owner@example.com', name: 'Owner', role: 'interviewer', password: PASSWORD });
  await clients.admin.post('/api/users', { email: 'other@example.com', name: 'Other', role: 'interviewer', password: PASSWORD });
  const victim = await clients.admin.post('/api/users', { email: 'victim@example.com', name: 'Victim', role: 'interviewer', password: PASSWORD });
  clients.owner = await new ApiClient(base).login('owner@example.com', PASSWORD);
  clients.otherInterviewer = await new ApiClient(base).login('other@example.com', PASSWORD);
  clients.anonymous = new ApiClient(base);

  const assessment = await clients.owner.post('/api/assessments', { title: 'Owned', challengeSlugs: ['stream-log'] });
  const invA = await clients.owner.post(`/api/assessments/${assessment.body.id}/invitations`, { candidateName: 'A', candidateEmail: 'a@example.com' });
  const invB = await clients.owner.post(`/api/assessments/${assessment.body.id}/invitations`, { candidateName: 'B', candidateEmail: 'b@example.com' });
  clients.candidateA = ApiClient.candidate(base, invA.body.token);
  clients.candidateB = ApiClient.candidate(base, invB.body.token);
  await clients.candidateA.post('/api/candidate/start');
  await clients.candidateB.post('/api/candidate/start');
  const sub = await clients.candidateA.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: solutionFiles('challenges/stream-log/starter') });
  expect(sub.status).toBe(202);
  ids = { assessment: assessment.body.id, invitationA: invA.body.invitation.id, submissionA: sub.body.id, userOwner: owner.body.id, userVictim: victim.body.id };
});
afterAll(async () => {
  await server?.stop();
});

/**
 * Every endpoint × every kind of caller, with the status each must get.
 * 401: no credential. 403: the wrong kind of caller (candidate on staff
 * routes, staff on candidate routes, interviewer on admin routes). 404:
 * the right kind of caller but someone else's resource (its existence is not revealed).
 */
const ALL: Who[] = ['anonymous', 'candidateA', 'candidateB', 'owner', 'otherInterviewer', 'admin'];
/** Paths name ids as {assessment}, {invitationA}, … filled in once they exist. */
type Row = [method: string, path: string, body: unknown, expected: Record<Who, number>];
const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, key: keyof typeof ids) => ids[key]);
const staffOnly = (owner: number, other: number, admin: number) => ({ anonymous: 401, candidateA: 403, candidateB: 403, owner, otherInterviewer: other, admin });
const candidateOnly = (a: number, b: number) => ({ anonymous: 401, candidateA: a, candidateB: b, owner: 403, otherInterviewer: 403, admin: 403 });
const newUser = () => ({ email: `u${Math.random().toString(36).slice(2)}@example.com`, name: 'N', role: 'admin', password: PASSWORD });

const MATRIX: Row[] = [
  ['GET', '/api/users', undefined, staffOnly(403, 403, 200)],
  ['POST', '/api/users', newUser, staffOnly(403, 403, 201)],
  ['PATCH', '/api/users/{userOwner}', { name: 'Owner' }, staffOnly(403, 403, 200)],
  ['DELETE', '/api/users/{userVictim}/sessions', undefined, staffOnly(403, 403, 200)],
  ['GET', '/api/challenges', undefined, staffOnly(200, 200, 200)],
  ['GET', '/api/challenges/stream-log', undefined, staffOnly(200, 200, 200)],
  ['GET', '/api/assessments/{assessment}', undefined, staffOnly(200, 404, 200)],
  ['GET', '/api/assessments/{assessment}/invitations', undefined, staffOnly(200, 404, 200)],
  ['POST', '/api/assessments/{assessment}/invitations', { candidateName: 'C', candidateEmail: 'c@example.com' }, staffOnly(201, 404, 201)],
  ['GET', '/api/invitations/{invitationA}', undefined, staffOnly(200, 404, 200)],
  ['PATCH', '/api/invitations/{invitationA}', { extraTimeMinutes: 5 }, staffOnly(200, 404, 200)],
  ['GET', '/api/invitations/{invitationA}/submissions', undefined, staffOnly(200, 404, 200)],
  ['GET', '/api/invitations/{invitationA}/activity', undefined, staffOnly(200, 404, 200)],
  ['GET', '/api/invitations/{invitationA}/reviews', undefined, staffOnly(200, 404, 200)],
  ['PUT', '/api/invitations/{invitationA}/review', { notes: 'n' }, staffOnly(200, 404, 200)],
  ['GET', '/api/submissions/{submissionA}', undefined, staffOnly(200, 404, 200)],
  ['GET', '/api/candidate/assessment', undefined, candidateOnly(200, 200)],
  ['GET', '/api/candidate/submissions', undefined, candidateOnly(200, 200)],
  ['GET', '/api/candidate/submissions/{submissionA}', undefined, candidateOnly(200, 404)],
  ['PUT', '/api/candidate/challenges/stream-log/draft', { files: { 'main.js': '//' } }, candidateOnly(200, 200)],
  ['POST', '/api/candidate/activity', { events: [{ kind: 'focus_lost' }] }, candidateOnly(204, 204)],
  ['GET', '/api/candidate/activity', undefined, candidateOnly(200, 200)],
];

describe('authorization matrix', () => {
  it.each(MATRIX.map((row) => [`${row[0]} ${row[1]}`, row] as const))('%s', async (_name, [method, path, body, expected]) => {
    const got = {} as Record<Who, number>;
    for (const who of ALL) {
      const payload = typeof body === 'function' ? (body as () => unknown)() : body;
      got[who] = (await clients[who].request(method, fill(path), payload)).status;
    }
    expect(got).toEqual(expected);
  });

  it('never shows a candidate the rubric, the hidden harness, other candidates or the review', async () => {
    const seen = JSON.stringify([
      (await clients.candidateA.get('/api/candidate/assessment')).body,
      (await clients.candidateA.get('/api/candidate/submissions')).body,
      (await clients.candidateA.get('/api/candidate/activity')).body,
    ]);
    expect(seen).not.toMatch(/rubric\b|"curve"|"weight"|harness|solutions\/|"checks"|"trials"|Owner|notes|b@example\.com|"B"/);
    const list = (await clients.candidateB.get('/api/candidate/submissions')).body.submissions;
    expect(list).toEqual([]);
  });
});

describe('socket authorization', () => {
  it('refuses anonymous sockets and subscriptions to other people\'s submissions and assessments', async () => {
    await expect(openSocket(server.baseUrl, {})).rejects.toThrow(/Log in or open your invitation link/);
    await expect(openSocket(server.baseUrl, { token: 'forged' })).rejects.toThrow(/not valid/);

    const b = await openSocket(server.baseUrl, { token: clients.candidateB.token });
    const a = await openSocket(server.baseUrl, { token: clients.candidateA.token });
    const other = await openSocket(server.baseUrl, { cookie: clients.otherInterviewer.cookie });
    const owner = await openSocket(server.baseUrl, { cookie: clients.owner.cookie });
    try {
      expect(await b.emitWithAck('submission:subscribe', ids.submissionA)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await other.emitWithAck('submission:subscribe', ids.submissionA)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await a.emitWithAck('assessment:subscribe', ids.assessment)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await other.emitWithAck('assessment:subscribe', ids.assessment)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await a.emitWithAck('submission:subscribe', 'not-a-uuid')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await a.emitWithAck('submission:subscribe', ids.submissionA)).toMatchObject({ ok: true, snapshot: { submission: { id: ids.submissionA, status: 'queued' } } });
      expect(await owner.emitWithAck('submission:subscribe', ids.submissionA)).toMatchObject({ ok: true });
      expect(await owner.emitWithAck('assessment:subscribe', ids.assessment)).toEqual({ ok: true });
    } finally {
      for (const s of [a, b, other, owner]) s.disconnect();
    }
  });
});
