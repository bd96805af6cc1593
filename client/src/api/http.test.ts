import { CSRF_HEADER } from '@assay/shared';
import { ApiError, errorFromResponse, requestHeaders, toApiError } from './http';

describe('errorFromResponse', () => {
  it('keeps the code, message and details of the one error shape', () => {
    const e = errorFromResponse(400, { error: { code: 'VALIDATION_FAILED', message: 'files: must contain at least one file', details: { field: 'files' } } });
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.details]).toEqual([400, 'VALIDATION_FAILED', 'files: must contain at least one file', { field: 'files' }]);
    expect(e.isNetwork).toBe(false);
  });

  it('names a proxy gateway error as the service being unavailable', () => {
    expect(errorFromResponse(502, '<html>Bad gateway</html>').code).toBe('SERVICE_UNAVAILABLE');
  });

  it('never passes an unknown body through as a server message', () => {
    const e = errorFromResponse(500, { message: 'stack trace here' });
    expect([e.code, e.message]).toEqual(['INTERNAL_ERROR', 'Unexpected answer from the server (HTTP 500).']);
    expect(errorFromResponse(418, undefined).code).toBe('BAD_RESPONSE');
  });

  it('refuses a code outside the closed set', () => {
    expect(errorFromResponse(409, { error: { code: 'NOPE', message: 'x' } }).code).toBe('BAD_RESPONSE');
  });
});

describe('requestHeaders', () => {
  it('sends the CSRF token on staff writes only', () => {
    expect(requestHeaders('POST', 'staff', { csrfToken: 'c', hasBody: true })[CSRF_HEADER]).toBe('c');
    expect(requestHeaders('GET', 'staff', { csrfToken: 'c', hasBody: false })[CSRF_HEADER]).toBeUndefined();
    expect(requestHeaders('PUT', 'candidate', { csrfToken: 'c', token: 't', hasBody: true })[CSRF_HEADER]).toBeUndefined();
  });

  it('sends the invite token as a bearer token for candidate calls', () => {
    expect(requestHeaders('GET', 'candidate', { token: 'tok', hasBody: false }).authorization).toBe('Bearer tok');
    expect(requestHeaders('GET', 'staff', { token: 'tok', hasBody: false }).authorization).toBeUndefined();
  });
});

it('toApiError wraps anything thrown', () => {
  const e = new ApiError(0, 'NETWORK', 'offline');
  expect(toApiError(e)).toBe(e);
  expect(toApiError(new Error('boom')).message).toBe('boom');
});
