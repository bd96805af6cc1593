import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { AssessmentEventSchema, type AssessmentEvent, type ClientToServerEvents, type ServerToClientEvents } from '@assay/shared';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'refused';

/**
 * Subscribes to an assessment's live events. On every (re)connect it
 * subscribes again and calls `onResync`, so the caller reloads the board:
 * a reconnect shows the current state, never a gap.
 */
export function useAssessmentLive(assessmentId: string, onEvent: (e: AssessmentEvent) => void, onResync: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'], withCredentials: true });
    let first = true;
    socket.on('connect', () => {
      socket.emit('assessment:subscribe', assessmentId, (ack) => {
        if (!ack.ok) return setState('refused');
        setState('live');
        if (!first) handlers.current.onResync();
        first = false;
      });
    });
    socket.on('disconnect', () => setState('reconnecting'));
    socket.on('connect_error', () => setState('reconnecting'));
    socket.on('assessment:event', (raw) => {
      const parsed = AssessmentEventSchema.safeParse(raw);
      if (parsed.success) handlers.current.onEvent(parsed.data);
    });
    return () => {
      socket.disconnect();
    };
  }, [assessmentId]);
  return state;
}
