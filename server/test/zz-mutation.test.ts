import { Redis } from 'ioredis';
import { RESULTS_GRACE_MS } from '../src/invitations/invitation.rules';
import { buildOnce } from './support/server-process';
import { ApiClient, openSocket, redisUrlFor, solutionFiles, startPipelineServer, testDb, watchSubmission, type LiveSocket, type PipelineServer } from './support/pipeline';

jest.setTimeout(20_000);

const ADMIN = { email: 'root-revoke@example.com', password: 'correct horse battery staple' };
const PASSWORD = 'interviewer-password-1';
/** Two API processes on one Postgres and one Redis, as behind a load balancer. */
let apiA: PipelineServer;
let apiB: PipelineServer;
let admin: ApiClient;
let db: ReturnType<typeof testDb>;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  buildOnce();
  // This file's own Redis database: clear the login rate limits a previous run left.
  const redis = new Redis(redisUrlFor(8));
  await redis.flushdb();
  redis.disconnect();
  const env = { ASSAY_ROLE: 'api', REDIS_URL: redisUrlFor(8), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  apiA = await startPipelineServer(env);
  apiB = await startPipelineServer(env);
  admin = await new ApiClient(apiA.baseUrl).login(ADMIN.email, ADMIN.password);
  db = testDb();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all([apiA?.stop(), apiB?.stop()]);
  await db?.destroy();
});

/** Opens a socket that the suite closes at the end. */
async function socketOn(server: PipelineServer, auth: { token?: string; cookie?: string }): Promise<LiveSocket> {
  const socket = await openSocket(server.baseUrl, auth);
  sockets.push(socket);
  return socket;
}

/** The reason of the socket's next disconnection (register before causing it). */
const nextDisconnect = (socket: LiveSocket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

let userCount = 0;
/** A new interviewer, logged in on API A, with an assessment of their own. */
async function interviewer() {
  const email = `revoke${++userCount}@example.com`;
  const created = await admin.post('/api/users', { email, name: 'Interviewer', role: 'interviewer', password: PASSWORD });
  expect(created.status).toBe(201);
  const client = await new ApiClient(apiA.baseUrl).login(email, PASSWORD);
  const assessment = await client.post('/api/assessments', { title: 'Watched', challengeSlugs: ['stream-log'] });
  expect(assessment.status).toBe(201);
  return { client, userId: created.body.id as string, assessmentId: assessment.body.id as string };
}

/** An invitation to a new assessment of the admin's (no extra login: logins are rate limited). */
async function invitedCandidate() {
  const assessment = await admin.post('/api/assessments', { title: 'Take-home', challengeSlugs: ['stream-log'] });
  const invite = await admin.post(`/api/assessments/${assessment.body.id}/invitations`, { candidateName: 'Ada', candidateEmail: 'ada@example.com' });
  expect(invite.status).toBe(201);
  const token = invite.body.token as string;
  return { candidate: ApiClient.candidate(apiA.baseUrl, token), token, invitationId: invite.body.invitation.id as string, assessmentId: assessment.body.id as string };
}

/** A staff socket on `server` watching the interviewer's assessment. */
async function watchingStaff(server: PipelineServer, who: { client: ApiClient; assessmentId: string }): Promise<LiveSocket> {
  const socket = await socketOn(server, { cookie: who.client.cookie });
  expect(await socket.timeout(10_000).emitWithAck('assessment:subscribe', who.assessmentId)).toEqual({ ok: true });
  return socket;
}

/** An admin socket that must outlive other people's revocations. */
async function bystander(server: PipelineServer, assessmentId: string): Promise<LiveSocket> {
  const socket = await socketOn(server, { cookie: admin.cookie });
  expect(await socket.timeout(10_000).emitWithAck('assessment:subscribe', assessmentId)).toEqual({ ok: true });
  return socket;
}

/** Still connected and answering: the revocation did not reach it. */
async function expectAlive(socket: LiveSocket, assessmentId: string): Promise<void> {
  expect(await socket.timeout(10_000).emitWithAck('assessment:subscribe', assessmentId)).toEqual({ ok: true });
  expect(socket.connected).toBe(true);
}

describe('revoking a credential closes its open sockets', () => {
  it('an admin ending a user\'s sessions disconnects their socket, and the cookie no longer connects', async () => {
    const who = await interviewer();
    const socket = await watchingStaff(apiA, who);
    const other = await bystander(apiA, who.assessmentId);
    const closed = nextDisconnect(socket);
    const res = await admin.request('DELETE', `/api/users/${who.userId}/sessions`);
    expect(res).toMatchObject({ status: 200, body: { revoked: 1 } });
    expect(await closed).toBe('io server disconnect');
    await expect(openSocket(apiA.baseUrl, { cookie: who.client.cookie })).rejects.toThrow(/Log in/);
    await expectAlive(other, who.assessmentId);
  });

  it.each([
    ['disabling the account', { disabled: true }],
    ['changing the role', { role: 'admin' }],
    ['changing the password', { password: 'another-password-22' }],
  ])('%s disconnects the user\'s sockets', async (_what, change) => {
    const who = await interviewer();
    const socket = await watchingStaff(apiA, who);
    const closed = nextDisconnect(socket);
    expect((await admin.patch(`/api/users/${who.userId}`, change)).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
  });

  it('logging out disconnects that session\'s socket, not the same user\'s other session', async () => {
    const who = await interviewer();
    const elsewhere = await new ApiClient(apiA.baseUrl).login(`revoke${userCount}@example.com`, PASSWORD);
    const socket = await watchingStaff(apiA, who);
    const other = await watchingStaff(apiA, { client: elsewhere, assessmentId: who.assessmentId });
    const closed = nextDisconnect(socket);
    expect((await who.client.post('/api/auth/logout')).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    await expect(openSocket(apiA.baseUrl, { cookie: who.client.cookie })).rejects.toThrow(/Log in/);
    await expectAlive(other, who.assessmentId);
  });

  it('withdrawing an invitation disconnects the candidate watching a submission, and the link no longer connects', async () => {
    const { candidate, token, invitationId, assessmentId } = await invitedCandidate();
    expect((await candidate.post('/api/candidate/start')).status).toBe(200);
    const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: solutionFiles('challenges/stream-log/starter') });
    expect(sub.status).toBe(202);
    const socket = await socketOn(apiA, { token });
    await watchSubmission(socket, sub.body.id);
    const other = await bystander(apiA, assessmentId);
    const closed = nextDisconnect(socket);
    expect((await admin.patch(`/api/invitations/${invitationId}`, { revoked: true })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    await expect(openSocket(apiA.baseUrl, { token })).rejects.toThrow(/withdrawn/);
    await expectAlive(other, assessmentId);
  });

  it('reaches sockets on another API process: connected to A, revoked through B', async () => {
    const who = await interviewer();
    const staffSocket = await watchingStaff(apiA, who);
    const { token, invitationId, assessmentId } = await invitedCandidate();
    const candidateSocket = await socketOn(apiA, { token });
    const other = await bystander(apiA, assessmentId);
    const adminOnB = await new ApiClient(apiB.baseUrl).login(ADMIN.email, ADMIN.password);

    const staffClosed = nextDisconnect(staffSocket);
    expect((await adminOnB.request('DELETE', `/api/users/${who.userId}/sessions`)).status).toBe(200);
    expect(await staffClosed).toBe('io server disconnect');

    const candidateClosed = nextDisconnect(candidateSocket);
    expect((await adminOnB.patch(`/api/invitations/${invitationId}`, { revoked: true })).status).toBe(200);
    expect(await candidateClosed).toBe('io server disconnect');
    await expectAlive(other, assessmentId);
  });

  it('disconnects a candidate when their results window ends while connected', async () => {
    const { candidate, token, invitationId } = await invitedCandidate();
    expect((await candidate.post('/api/candidate/start')).status).toBe(200);
    // The window (deadline + results grace) ends a moment from now: no one revokes anything.
    const deadline = new Date(Date.now() - RESULTS_GRACE_MS + 5_000);
    await db.updateTable('invitations').set({ deadline_at: deadline }).where('id', '=', invitationId).execute();
    const socket = await socketOn(apiA, { token });
    expect(await nextDisconnect(socket)).toBe('io server disconnect');
    await expect(openSocket(apiA.baseUrl, { token })).rejects.toThrow(/closed/);
  });
});
