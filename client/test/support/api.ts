import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  AssessmentSchema, CANDIDATE_AUTH_SCHEME, CSRF_HEADER, CreatedInvitationSchema, SessionInfoSchema, UserSchema,
  type Assessment, type CreateAssessmentBody, type CreateInvitationBody, type CreatedInvitation, type User,
} from '@assay/shared';
import type { z } from 'zod';
import { RUN_DIR_ENV, type SharedPlatform } from './platform';

/**
 * A test's HTTP client of the real API: staff (session cookie + CSRF) or a
 * candidate (invite token). Answers are parsed with the shared schemas; a
 * non-2xx answer throws with its body.
 */
export class TestApi {
  private cookie?: string;
  private csrf?: string;
  constructor(readonly baseUrl: string, private readonly token?: string) {}

  async call<S extends z.ZodType>(method: string, url: string, schema: S | null, body?: unknown): Promise<z.infer<S>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers[CSRF_HEADER] = this.csrf;
    if (this.token) headers.authorization = `${CANDIDATE_AUTH_SCHEME} ${this.token}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await send(`${this.baseUrl}${url}`, method, headers, payload);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
    if (res.setCookie) this.cookie = res.setCookie.split(';')[0];
    return schema ? schema.parse(res.text ? JSON.parse(res.text) : undefined) : (undefined as z.infer<S>);
  }

  async login(email: string, password: string): Promise<this> {
    const session = await this.call('POST', '/api/auth/login', SessionInfoSchema, { email, password });
    this.csrf = session.csrfToken;
    return this;
  }

  /** A client on an existing staff session (no login, so no login attempt is counted). */
  static fromSession(baseUrl: string, session: { cookie: string; csrf: string }): TestApi {
    const api = new TestApi(baseUrl);
    api.cookie = session.cookie;
    api.csrf = session.csrf;
    return api;
  }

  /** The session's cookie and CSRF token, to reuse it in another test file. */
  get session(): { cookie: string; csrf: string } | undefined {
    return this.cookie && this.csrf ? { cookie: this.cookie, csrf: this.csrf } : undefined;
  }

  /** The session cookie (`name=value`), e.g. to put it into a browser context. */
  get sessionCookie(): string | undefined {
    return this.cookie;
  }
}

/**
 * The login rate limit (10 per IP and per email per 15 minutes) is the
 * product's; every test file signing in from 127.0.0.1 would share it. Each
 * test file's API calls leave from a loopback address of its own
 * (127.0.0.2–254, claimed in the Jest run's directory so no two files share
 * one; the kernel would pick 127.0.0.1 otherwise); the browser keeps 127.0.0.1.
 */
const FILE_ADDRESS = claimLoopbackAddress();

function claimLoopbackAddress(): string {
  const dir = process.env[RUN_DIR_ENV];
  if (!dir) return '127.0.0.2';
  for (let n = 2; n < 255; n++) {
    try {
      fs.writeFileSync(path.join(dir, `address-127.0.0.${n}`), String(process.pid), { flag: 'wx' });
      return `127.0.0.${n}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error('every loopback address of this Jest run is taken');
}

function send(url: string, method: string, headers: Record<string, string>, payload?: string): Promise<{ status: number; text: string; setCookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, localAddress: new URL(url).hostname === '127.0.0.1' ? FILE_ADDRESS : undefined }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, setCookie: res.headers['set-cookie']?.[0] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The shared platform's admin. One login per Jest run, kept in the run's
 * directory: every file signing in as the same admin would otherwise spend
 * the per-email login limit.
 */
export async function loginAdmin(platform: SharedPlatform): Promise<TestApi> {
  const dir = process.env[RUN_DIR_ENV];
  const file = dir ? path.join(dir, 'admin-session.json') : undefined;
  if (file && fs.existsSync(file)) return TestApi.fromSession(platform.baseUrl, JSON.parse(fs.readFileSync(file, 'utf8')) as { cookie: string; csrf: string });
  const api = await new TestApi(platform.baseUrl).login(platform.admin.email, platform.admin.password);
  if (file && api.session) fs.writeFileSync(file, JSON.stringify(api.session));
  return api;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${process.pid}-${++counter}`;

/** Creates an interviewer (with a fresh email) and signs in as them. */
export async function createInterviewer(admin: TestApi, name = 'Ivy Interviewer'): Promise<{ user: User; api: TestApi; password: string }> {
  const password = `pw-${unique()}-long-enough`;
  const user = await admin.call('POST', '/api/users', UserSchema, { email: `ivy-${unique()}@assay.test`, name, role: 'interviewer', password });
  return { user, password, api: await new TestApi(admin.baseUrl).login(user.email, password) };
}

export function createAssessment(staff: TestApi, body: CreateAssessmentBody): Promise<Assessment> {
  return staff.call('POST', '/api/assessments', AssessmentSchema, body);
}

/** Invites a candidate; the answer carries the token (the only time it is shown) and the `/take/<token>` path. */
export function createInvitation(staff: TestApi, assessmentId: string, body: Partial<CreateInvitationBody> = {}): Promise<CreatedInvitation> {
  return staff.call('POST', `/api/assessments/${assessmentId}/invitations`, CreatedInvitationSchema, {
    candidateName: 'Ada Lovelace',
    candidateEmail: `ada-${unique()}@example.com`,
    ...body,
  });
}

/** A candidate's client of the API (their invite token). */
export function candidateApi(platform: SharedPlatform, token: string): TestApi {
  return new TestApi(platform.baseUrl, token);
}
