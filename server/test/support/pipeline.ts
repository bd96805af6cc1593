import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { CSRF_HEADER, type ClientToServerEvents, type CreateAssessmentBody, type ServerToClientEvents, type SubmissionEvent, type SubmissionSnapshot } from '@assay/shared';
import { createDb, type Db } from '../../src/db/db';
import { repoRoot } from '../../src/platform/paths';
import { freePort, startServerProcess, waitForHealth, type ServerProcess } from './server-process';

/**
 * A Redis URL on a database index of its own, so one test file's queue is
 * never drained by another file's workers (they share one redis-server),
 * and its login attempts never count against another file's rate limits.
 * Taken: 4 worker-hung, 5 candidate-results, 6 deadline, 7 run-logs, 8 live-revoke, 9 live-tests,
 * 10 scaleout, 11 api, 12 bad-input, 13 authz, 14 flow, 15 faults, 16 calibration, 17 browser platform,
 * 18 dashboard (the test redis-server has 64 databases).
 */
export function redisUrlFor(dbIndex: number): string {
  const url = new URL(process.env.REDIS_URL!);
  url.pathname = `/${dbIndex}`;
  return url.toString();
}

export interface PipelineServer extends ServerProcess {
  port: number;
}

/**
 * A fresh database of its own on the test Postgres, for files that start
 * workers: their sweeper scans every unfinished submission in the database,
 * and must not pick up what other test files left queued on purpose.
 */
export async function scratchDatabaseUrl(name: string): Promise<string> {
  const url = new URL(process.env.DATABASE_URL!);
  const dbName = `${url.pathname.slice(1)}_${name}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** Starts the bundled server with the test Postgres, the given Redis database and env on top. */
export async function startPipelineServer(env: Record<string, string>, opts: { health?: boolean } = {}): Promise<PipelineServer> {
  const port = await freePort();
  const server = startServerProcess({
    DATABASE_URL: process.env.DATABASE_URL!,
    JUDGE_SCALE: 'quick',
    WORKER_CONCURRENCY: '1',
    ...env,
    PORT: String(port),
  });
  if (opts.health !== false && env.ASSAY_ROLE !== 'worker') await waitForHealth(server);
  return Object.assign(server, { port });
}

/** Waits until `log` (a server's output) matches, or fails with it. */
export async function waitForOutput(server: ServerProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(server.output())) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client of the real HTTP API: keeps a session cookie and its CSRF token, or a candidate token. */
export class ApiClient {
  cookie?: string;
  csrf?: string;
  token?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, url: string, body?: unknown, opts: { raw?: string; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.csrf !== false) headers[CSRF_HEADER] = this.csrf;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | undefined = opts.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body);
  }
  put<T = any>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, body);
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body);
  }

  async login(email: string, password: string): Promise<this> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.cookie = res.headers.get('set-cookie')!.split(';')[0];
    this.csrf = res.body.csrfToken;
    return this;
  }

  static candidate(baseUrl: string, token: string): ApiClient {
    const c = new ApiClient(baseUrl);
    c.token = token;
    return c;
  }
}

/** Logs in as admin, makes an interviewer, an assessment of `stream-log` and an invitation; returns the candidate. */
export async function setUpCandidate(
  baseUrl: string,
  admin: { email: string; password: string },
  opts: { extraTimeMinutes?: number; assessment?: Partial<CreateAssessmentBody> } = {},
) {
  const staff = await new ApiClient(baseUrl).login(admin.email, admin.password);
  const assessment = await staff.post('/api/assessments', { title: 'Backend take-home', challengeSlugs: ['stream-log'], ...opts.assessment });
  if (assessment.status !== 201) throw new Error(`assessment: ${assessment.status} ${JSON.stringify(assessment.body)}`);
  const invite = await staff.post(`/api/assessments/${assessment.body.id}/invitations`, { candidateName: 'Ada', candidateEmail: 'ada@example.com', ...(opts.extraTimeMinutes !== undefined && { extraTimeMinutes: opts.extraTimeMinutes }) });
  if (invite.status !== 201) throw new Error(`invitation: ${invite.status} ${JSON.stringify(invite.body)}`);
  const candidate = ApiClient.candidate(baseUrl, invite.body.token);
  return { staff, candidate, assessmentId: assessment.body.id as string, invitationId: invite.body.invitation.id as string, token: invite.body.token as string };
}

/** A challenge's solution folder as the { path: content } a submission carries. */
export function solutionFiles(relDir: string, transform?: (files: Record<string, string>) => void): Record<string, string> {
  const dir = path.join(repoRoot(), relDir);
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  transform?.(files);
  return files;
}

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client on a server, authenticated by candidate token or staff cookie. */
export async function openSocket(baseUrl: string, auth: { token?: string; cookie?: string }): Promise<LiveSocket> {
  const socket: LiveSocket = connectSocket(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    auth: auth.token ? { token: auth.token } : {},
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/** Subscribes to a submission; collects its snapshot and every event after it. */
export async function watchSubmission(socket: LiveSocket, submissionId: string): Promise<{ snapshot: SubmissionSnapshot; events: SubmissionEvent[] }> {
  const events: SubmissionEvent[] = [];
  // As the product's client does: an event published between joining the room and reading the
  // snapshot arrives both ways, so live events up to the snapshot's seq are dropped.
  let upTo = 0;
  socket.on('submission:event', (e) => {
    if (e.submissionId === submissionId && e.seq > upTo) events.push(e);
  });
  const ack = await socket.timeout(10_000).emitWithAck('submission:subscribe', submissionId);
  if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack.error)}`);
  upTo = ack.snapshot.seq;
  const overlap = events.filter((e) => e.seq <= upTo);
  for (const e of overlap) events.splice(events.indexOf(e), 1);
  return { snapshot: ack.snapshot, events };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A Kysely handle on the test database, for setting up states the API cannot (a deadline in the past). */
export function testDb(url = process.env.DATABASE_URL!): Db {
  return createDb(url, { maxConnections: 2 });
}
