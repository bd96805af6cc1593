import http from 'node:http';
import {
  AssessmentSchema, CANDIDATE_AUTH_SCHEME, CSRF_HEADER, CreatedInvitationSchema, SessionInfoSchema, UserSchema,
  type Assessment, type CreateAssessmentBody, type CreateInvitationBody, type CreatedInvitation, type User,
} from '@assay/shared';
import type { z } from 'zod';
import type { SharedPlatform } from './platform';

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

  /** The session cookie (`name=value`), e.g. to put it into a browser context. */
  get sessionCookie(): string | undefined {
    return this.cookie;
  }
}

/**
 * The login rate limit (10 per IP per 15 minutes) is the product's; every
 * test file signing in from 127.0.0.1 would share it. Each test file's API
 * calls leave from an address of its own on the loopback network
 * (127.0.0.2–253; the kernel would pick 127.0.0.1 otherwise); the browser keeps 127.0.0.1.
 */
const FILE_ADDRESS = `127.0.0.${2 + Math.floor(Math.random() * 252)}`;

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

/** Signs in as the shared platform's admin. */
export function loginAdmin(platform: SharedPlatform): Promise<TestApi> {
  return new TestApi(platform.baseUrl).login(platform.admin.email, platform.admin.password);
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
