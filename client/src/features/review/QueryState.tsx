import { ApiErrorView } from '../../ui';
import { ApiError } from '../../api/http';

/** A failed load, said plainly: what could not be loaded, and why (the design system's error view). */
export function QueryError({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return <ApiErrorView error={error} onRetry={onRetry} title={notFound ? `Could not find ${what}` : `Could not load ${what}`} />;
}
