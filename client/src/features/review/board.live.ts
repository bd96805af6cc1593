import { useEffect, useRef } from 'react';
import type { AssessmentEvent } from '@assay/shared';
import { useAssessmentLive, useLiveConnection } from '../../live/live.hooks';
import type { LiveError } from '../../live/live-client';

/** What the board's indicator says: `live` only once the server accepted the subscription. */
export type BoardLive = { state: 'connecting' | 'live' | 'offline' } | { state: 'refused'; error: LiveError };

/**
 * An assessment's live events through the app's one socket. "Live" means
 * the server acked `assessment:subscribe`, not merely that the socket is
 * up. Every ack (the first, and each re-subscribe after a reconnect) reloads
 * the board: a board read before the room was joined may miss an event, so
 * the reload comes after the ack, and a reconnect shows the current state.
 */
export function useBoardLive(assessmentId: string, onEvent: (e: AssessmentEvent) => void, onResync: () => void): BoardLive {
  const subscription = useAssessmentLive(assessmentId, onEvent);
  const connection = useLiveConnection();
  const resync = useRef(onResync);
  resync.current = onResync;
  const acks = subscription.status === 'live' ? subscription.acks : 0;
  useEffect(() => {
    if (acks > 0) resync.current();
  }, [acks]);
  if (subscription.status === 'refused') return { state: 'refused', error: subscription.error };
  if (connection === 'refused') return { state: 'refused', error: { code: 'UNAUTHENTICATED', message: 'The live connection was refused.' } };
  if (connection === 'offline') return { state: 'offline' };
  return { state: subscription.status === 'live' && connection === 'connected' ? 'live' : 'connecting' };
}
