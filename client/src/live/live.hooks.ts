import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AssessmentEvent } from '@assay/shared';
import { LiveClient, type AssessmentSubscription, type LiveConnection, type LiveError, type SubmissionWatch } from './live-client';

/** The app's one live connection (opened on first use). */
export const liveClient = new LiveClient();

const NO_WATCH: SubmissionWatch = {};

/**
 * A submission kept current by its live events: `state` once the subscribe
 * ack arrived (then after every event), `error` when refused. `id` null: nothing.
 */
export function useSubmissionLive(id: string | null | undefined): SubmissionWatch {
  const subscribe = useCallback((onChange: () => void) => (id ? liveClient.watchSubmission(id, onChange) : () => {}), [id]);
  return useSyncExternalStore(subscribe, () => (id ? liveClient.submission(id) ?? NO_WATCH : NO_WATCH));
}

/**
 * Calls `onEvent` for every live event of an assessment (staff), and returns
 * where its subscription stands (the server's ack, not just the socket).
 */
export function useAssessmentLive(id: string | null | undefined, onEvent: (event: AssessmentEvent) => void, onError?: (error: LiveError) => void): AssessmentSubscription {
  const handlers = useRef({ onEvent, onError });
  handlers.current = { onEvent, onError };
  const [subscription, setSubscription] = useState<AssessmentSubscription>({ status: 'subscribing' });
  useEffect(() => {
    if (!id) return;
    return liveClient.watchAssessment(id, {
      onEvent: (e) => handlers.current.onEvent(e),
      onError: (e) => handlers.current.onError?.(e),
      onSubscription: setSubscription,
    });
  }, [id]);
  return subscription;
}

/** The live connection's state, for an indicator. */
export function useLiveConnection(): LiveConnection {
  return useSyncExternalStore((cb) => liveClient.onConnectionChange(cb), () => liveClient.connectionState);
}
