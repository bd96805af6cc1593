import { useEffect, useRef } from 'react';
import type { AssessmentEvent } from '@assay/shared';
import { useAssessmentLive, useLiveConnection } from '../../live/live.hooks';
import type { LiveConnection } from '../../live/live-client';

/**
 * An assessment's live events through the app's one socket, and a resync
 * whenever the connection comes back: the board is reloaded, so a
 * reconnect shows the current state, never a gap.
 */
export function useBoardLive(assessmentId: string, onEvent: (e: AssessmentEvent) => void, onResync: () => void): LiveConnection {
  useAssessmentLive(assessmentId, onEvent);
  const connection = useLiveConnection();
  const seen = useRef({ connected: connection === 'connected', lost: false });
  const resync = useRef(onResync);
  resync.current = onResync;
  useEffect(() => {
    const s = seen.current;
    if (connection !== 'connected') {
      if (s.connected) s.lost = true;
      return;
    }
    if (s.lost) resync.current();
    s.connected = true;
    s.lost = false;
  }, [connection]);
  return connection;
}
