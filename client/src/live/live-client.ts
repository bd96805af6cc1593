import type { io as ioFn, ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import {
  SubmissionEventSchema, SubscribeAckSchema, AssessmentEventSchema,
  type AssessmentEvent, type ClientToServerEvents, type ErrorCode, type ServerToClientEvents, type SubmissionEvent,
} from '@assay/shared';
import { applyEvent, fromSnapshot, type SubmissionLiveState } from './submission-state';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Where the connection stands, for an indicator. */
export type LiveConnection = 'connecting' | 'connected' | 'offline' | 'refused';

/** A refused subscription or connection, in the API's error vocabulary. */
export interface LiveError {
  code: ErrorCode | 'NETWORK';
  message: string;
}

export interface SubmissionWatch {
  state?: SubmissionLiveState;
  error?: LiveError;
}

type Listener = () => void;

interface SubmissionRoom {
  watch: SubmissionWatch;
  listeners: Set<Listener>;
  /** Events that arrived while the subscribe ack was on its way; applied after its snapshot. */
  pending: SubmissionEvent[] | null;
}

interface AssessmentRoom {
  listeners: Set<(event: AssessmentEvent) => void>;
  errors: Set<(error: LiveError) => void>;
}

export interface LiveClientOptions {
  /** Server URL. @defaultValue the page's origin */
  url?: string;
  /** Socket.IO options on top of ours (tests pass `transports`, `extraHeaders`). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

/**
 * The app's one socket.io connection. Authenticates with the candidate's
 * invite token when one is set, else the staff session cookie; after every
 * reconnect it subscribes each watched room again and restarts from the
 * subscribe ack's snapshot; events it already applied (same or lower `seq`)
 * are dropped. DOM-free: the React hooks sit on top (`live.hooks.ts`).
 *
 * socket.io-client itself is loaded on the first watch, not with the page: a
 * candidate's page is usable before it arrives, and one who never runs
 * anything never downloads it. Rooms watched meanwhile are subscribed on the
 * socket's first `connect`, like after a reconnect.
 */
export class LiveClient {
  private socket: LiveSocket | undefined;
  /** socket.io-client on its way (first watch); undefined once the socket exists or after close(). */
  private opening: Promise<void> | undefined;
  private token: string | undefined;
  private connection: LiveConnection = 'connecting';
  private readonly connectionListeners = new Set<Listener>();
  private readonly submissions = new Map<string, SubmissionRoom>();
  private readonly assessments = new Map<string, AssessmentRoom>();

  constructor(private readonly options: LiveClientOptions = {}) {}

  /** Candidate token for the socket's auth; undefined: the staff cookie. Reconnects when it changes. */
  setCandidateToken(token: string | undefined): void {
    if (token === this.token) return;
    this.token = token;
    if (this.socket) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  get connectionState(): LiveConnection {
    return this.connection;
  }

  onConnectionChange(listener: Listener): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** The current watch of a submission (undefined until subscribed and answered). */
  submission(id: string): SubmissionWatch | undefined {
    return this.submissions.get(id)?.watch;
  }

  /** Watches a submission; `listener` runs on every change. Returns the unsubscribe. */
  watchSubmission(id: string, listener: Listener): () => void {
    let room = this.submissions.get(id);
    if (!room) {
      room = { watch: {}, listeners: new Set(), pending: null };
      this.submissions.set(id, room);
      this.ensureSocket();
      if (this.socket?.connected) this.subscribeSubmission(id, room);
    }
    room.listeners.add(listener);
    return () => {
      const r = this.submissions.get(id);
      if (!r) return;
      r.listeners.delete(listener);
      if (r.listeners.size === 0) {
        this.submissions.delete(id);
        if (this.socket?.connected) this.socket.emit('submission:unsubscribe', id);
      }
    };
  }

  /** Watches an assessment's submission status changes (staff only). Returns the unsubscribe. */
  watchAssessment(id: string, listener: (event: AssessmentEvent) => void, onError?: (error: LiveError) => void): () => void {
    let room = this.assessments.get(id);
    if (!room) {
      room = { listeners: new Set(), errors: new Set() };
      this.assessments.set(id, room);
      this.ensureSocket();
      if (this.socket?.connected) this.subscribeAssessment(id, room);
    }
    room.listeners.add(listener);
    if (onError) room.errors.add(onError);
    return () => {
      const r = this.assessments.get(id);
      if (!r) return;
      r.listeners.delete(listener);
      if (onError) r.errors.delete(onError);
      // socket.io has no assessment:unsubscribe; the room simply stops being listened to.
      if (r.listeners.size === 0) this.assessments.delete(id);
    };
  }

  /** Closes the connection (tests, sign-out). */
  close(): void {
    this.opening = undefined; // a load still on its way opens nothing
    this.socket?.disconnect();
    this.socket = undefined;
  }

  private setConnection(state: LiveConnection): void {
    if (state === this.connection) return;
    this.connection = state;
    for (const l of this.connectionListeners) l();
  }

  /** Loads socket.io-client once, then opens the socket; a failed load (offline) is retried while anything is watched. */
  private ensureSocket(): void {
    if (this.socket || this.opening) return;
    const opening: Promise<void> = import('socket.io-client').then(({ io }) => {
      if (this.opening !== opening) return;
      this.opening = undefined;
      this.openSocket(io);
    }, () => {
      if (this.opening !== opening) return;
      this.opening = undefined;
      this.setConnection('offline');
      setTimeout(() => {
        if (this.submissions.size > 0 || this.assessments.size > 0) this.ensureSocket();
      }, 5_000);
    });
    this.opening = opening;
  }

  private openSocket(io: typeof ioFn): void {
    const opts: Partial<ManagerOptions & SocketOptions> = {
      // Read at every (re)connection, so a token set later is used.
      auth: (cb) => cb(this.token ? { token: this.token } : {}),
      withCredentials: true,
      reconnectionDelayMax: 5_000,
      ...this.options.socketOptions,
    };
    const socket: LiveSocket = this.options.url ? io(this.options.url, opts) : io(opts);
    this.socket = socket;
    socket.on('connect', () => {
      this.setConnection('connected');
      for (const [id, room] of this.submissions) this.subscribeSubmission(id, room);
      for (const [id, room] of this.assessments) this.subscribeAssessment(id, room);
    });
    socket.on('disconnect', () => this.setConnection('offline'));
    socket.on('connect_error', (err) => {
      // A refusal by the server's auth middleware is final (socket.io stops retrying); a network error is retried.
      if (!socket.active) {
        this.setConnection('refused');
        const code = ((err as Error & { data?: { code?: ErrorCode } }).data?.code) ?? 'UNAUTHENTICATED';
        const error: LiveError = { code, message: err.message };
        for (const room of this.submissions.values()) this.update(room, { ...room.watch, error });
        for (const room of this.assessments.values()) for (const e of room.errors) e(error);
      } else this.setConnection('offline');
    });
    socket.on('submission:event', (raw) => {
      const parsed = SubmissionEventSchema.safeParse(raw);
      if (!parsed.success) return;
      const event = parsed.data;
      const room = this.submissions.get(event.submissionId);
      if (!room) return;
      if (room.pending) return void room.pending.push(event);
      if (!room.watch.state) return;
      const next = applyEvent(room.watch.state, event);
      if (next !== room.watch.state) this.update(room, { state: next });
    });
    socket.on('assessment:event', (raw) => {
      const parsed = AssessmentEventSchema.safeParse(raw);
      if (!parsed.success) return;
      for (const l of this.assessments.get(parsed.data.assessmentId)?.listeners ?? []) l(parsed.data);
    });
  }

  private subscribeSubmission(id: string, room: SubmissionRoom): void {
    room.pending = [];
    this.socket!.timeout(15_000).emit('submission:subscribe', id, (timeoutErr, raw) => {
      if (this.submissions.get(id) !== room) return; // unsubscribed meanwhile
      const pending = room.pending ?? [];
      room.pending = null;
      if (timeoutErr) return this.update(room, { ...room.watch, error: { code: 'NETWORK', message: 'The live connection did not answer.' } });
      const ack = SubscribeAckSchema.safeParse(raw);
      if (!ack.success) return this.update(room, { ...room.watch, error: { code: 'INTERNAL_ERROR', message: 'Unexpected answer from the live connection.' } });
      if (!ack.data.ok) return this.update(room, { error: ack.data.error });
      let state = fromSnapshot(ack.data.snapshot);
      for (const e of pending) state = applyEvent(state, e);
      this.update(room, { state });
    });
  }

  private subscribeAssessment(id: string, room: AssessmentRoom): void {
    this.socket!.timeout(15_000).emit('assessment:subscribe', id, (timeoutErr, ack) => {
      if (timeoutErr) for (const e of room.errors) e({ code: 'NETWORK', message: 'The live connection did not answer.' });
      else if (!ack.ok) for (const e of room.errors) e(ack.error);
    });
  }

  private update(room: SubmissionRoom, watch: SubmissionWatch): void {
    room.watch = watch;
    for (const l of room.listeners) l();
  }
}
