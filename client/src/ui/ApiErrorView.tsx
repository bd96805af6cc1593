import type { ReactNode } from 'react';
import { toApiError } from '../api/http';
import { Button } from './Button';

export interface ApiErrorViewProps {
  /** Whatever a query or mutation threw. */
  error: unknown;
  /** Offers a "Try again" button. */
  onRetry?: () => void;
  /** Heading above the message. @defaultValue 'Something went wrong' */
  title?: ReactNode;
}

/** The one way an API error is shown: a heading, the server's message, what to do. */
export function ApiErrorView({ error, onRetry, title }: ApiErrorViewProps) {
  const e = toApiError(error);
  const heading = title ?? (e.isNetwork ? 'You are offline' : e.status === 401 ? 'Please sign in' : e.status === 403 ? 'Not allowed' : e.status === 404 ? 'Not found' : 'Something went wrong');
  return (
    <div className="callout callout-danger" role="alert">
      <h2 className="callout-title">{heading}</h2>
      <p>{e.message}</p>
      {onRetry && <Button onClick={onRetry}>Try again</Button>}
    </div>
  );
}
