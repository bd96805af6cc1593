import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './http';

/** Query key of the staff session (`GET /api/auth/me`). */
export const SESSION_KEY = ['session'] as const;

/**
 * The app's one QueryClient. Client errors (4xx) are not retried: asking
 * again gets the same answer. A 401 on any staff query means the session
 * ended: the session query is refetched, and `RequireStaff` sends the person
 * to sign in again.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== SESSION_KEY[0] && query.meta?.auth !== 'candidate') {
          void client.invalidateQueries({ queryKey: SESSION_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
