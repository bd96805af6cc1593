import { CANDIDATE_AUTH_SCHEME, CSRF_HEADER, ErrorBodySchema, type ErrorCode } from '@assay/shared';
import type { z } from 'zod';

/**
 * The one error every API call throws. `status` 0 means the request never
 * reached the server (offline, DNS, CORS): callers may retry those.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 for a network failure. */
    readonly status: number,
    /** The server's closed error code; `NETWORK` when there was no answer, `BAD_RESPONSE` when the answer did not parse. */
    readonly code: ErrorCode | 'NETWORK' | 'BAD_RESPONSE',
    message: string,
    /** The server's `details` (e.g. the failing field of a VALIDATION_FAILED). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when no answer came back: the request may be retried once the network returns. */
  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

/** Whatever was thrown, as an ApiError (non-API failures become BAD_RESPONSE with their message). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'BAD_RESPONSE', err instanceof Error ? err.message : String(err));
}

/**
 * Maps a response's status and body (already JSON-parsed, or undefined) to an
 * ApiError. DOM-free so it is unit-tested in Node.
 */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
  // A proxy or a crash answered instead of our API: still one error type, with a message a person can act on.
  if (status === 502 || status === 503 || status === 504) return new ApiError(status, 'SERVICE_UNAVAILABLE', 'The server is not reachable right now. Try again in a moment.');
  return new ApiError(status, status >= 500 ? 'INTERNAL_ERROR' : 'BAD_RESPONSE', `Unexpected answer from the server (HTTP ${status}).`);
}

/** Credentials the wrapper attaches; set once by the session (staff) or the invite page (candidate). */
const credentials: { csrfToken?: string; candidateToken?: string } = {};

/** Remembers the staff CSRF token (from login or `GET /api/auth/me`); undefined forgets it. */
export function setCsrfToken(token: string | undefined): void {
  credentials.csrfToken = token;
}

/** Which auth an API call uses: the staff cookie (+ CSRF on writes), or the candidate's invite token. */
export type AuthMode = 'staff' | 'candidate' | 'none';

export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body. */
  body?: unknown;
  /** Parses a successful answer; `null` for endpoints that answer 204. */
  schema: S | null;
  /** @defaultValue 'staff' */
  auth?: AuthMode;
  /** The invite token for `auth: 'candidate'`. */
  token?: string;
  signal?: AbortSignal;
  /** Also parse the body of these non-2xx statuses with `schema` (e.g. /healthz answers 503 with a report). */
  acceptStatuses?: number[];
  /** Passed to fetch (e.g. `keepalive` for a save sent while the page unloads). */
  keepalive?: boolean;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Headers of one request: JSON, the candidate bearer token, or the staff CSRF token on writes. DOM-free. */
export function requestHeaders(method: string, auth: AuthMode, opts: { token?: string; csrfToken?: string; hasBody: boolean }): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.hasBody) headers['content-type'] = 'application/json';
  if (auth === 'candidate' && opts.token) headers.authorization = `${CANDIDATE_AUTH_SCHEME} ${opts.token}`;
  if (auth === 'staff' && STATE_CHANGING.has(method) && opts.csrfToken) headers[CSRF_HEADER] = opts.csrfToken;
  return headers;
}

/**
 * The one way the client talks to the API: JSON in, the answer parsed with a
 * shared zod schema out, every failure an ApiError.
 */
export async function apiRequest<S extends z.ZodType>(path: string, opts: RequestOptions<S>): Promise<z.infer<S>> {
  const method = opts.method ?? 'GET';
  const auth = opts.auth ?? 'staff';
  const headers = requestHeaders(method, auth, { token: opts.token ?? credentials.candidateToken, csrfToken: credentials.csrfToken, hasBody: opts.body !== undefined });
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
      keepalive: opts.keepalive,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'You appear to be offline: the server could not be reached.');
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok && !opts.acceptStatuses?.includes(res.status)) throw errorFromResponse(res.status, body);
  if (opts.schema === null) return undefined as z.infer<S>;
  const parsed = opts.schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', `The server's answer to ${method} ${path} did not have the expected shape.`, parsed.error.issues);
  return parsed.data;
}
