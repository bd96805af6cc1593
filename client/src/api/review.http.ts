import type { z } from 'zod';
import { CSRF_HEADER, ErrorBodySchema, SessionInfoSchema } from '@assay/shared';

/** An API error answer, with its code and the fields it names. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues: { path: string; message: string }[] = []) {
    super(message);
  }
}

let csrf: string | undefined;
async function csrfToken(): Promise<string> {
  if (!csrf) {
    const res = await fetch('/api/auth/me', { credentials: 'same-origin' });
    if (res.ok) csrf = SessionInfoSchema.parse(await res.json()).csrfToken;
  }
  return csrf ?? '';
}

/** One JSON call; the answer parsed with its shared schema, an error answer thrown as ApiError. */
export async function apiRequest<S extends z.ZodType>(method: string, url: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = await csrfToken();
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = ErrorBodySchema.safeParse(json);
    if (err.success) {
      const issues = (err.data.error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
      throw new ApiError(res.status, err.data.error.code, err.data.error.message, issues);
    }
    throw new ApiError(res.status, 'INTERNAL_ERROR', `The server answered ${res.status}.`);
  }
  return schema.parse(json);
}
