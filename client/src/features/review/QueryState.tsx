import { ApiError } from '../../api/review.http';

/** A failed load, said plainly: what could not be loaded, and why. */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{notFound ? `Could not find ${what}.` : `Could not load ${what}.`}</strong>{' '}
      {notFound ? 'It does not exist, or it belongs to an assessment you cannot see.' : error instanceof Error ? error.message : String(error)}
    </div>
  );
}
