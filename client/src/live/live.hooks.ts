import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { AssessmentEvent } from '@assay/shared';
import { LiveClient, type LiveConnection, type LiveError, type SubmissionWatch } from './live-client';

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

/** Calls `onEvent` for every submission status change of an assessment (staff). */
export function useAssessmentLive(id: string | null | undefined, onEvent: (event: AssessmentEvent) => void, onError?: (error: LiveError) => void): void {
  const handlers = useRef({ onEvent, onError });
  handlers.current = { onEvent, onError };
  useEffect(() => {
    if (!id) return;
    return liveClient.watchAssessment(id, (e) => handlers.current.onEvent(e), (e) => handlers.current.onError?.(e));
  }, [id]);
}

/** The live connection's state, for an indicator. */
export function useLiveConnection(): LiveConnection {
  return useSyncExternalStore((cb) => liveClient.onConnectionChange(cb), () => liveClient.connectionState);
}
