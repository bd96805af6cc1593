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

/**
 * Where an assessment's subscription stands: `live` once the server acked
 * `assessment:subscribe` (`acks` counts the acks, so a re-subscribe after a
 * reconnect is visible), `subscribing` before the ack and while disconnected
 * (the room is lost with the connection), `refused` when the server said no.
 */
export type AssessmentSubscription = { status: 'subscribing' } | { status: 'live'; acks: number } | { status: 'refused'; error: LiveError };

interface AssessmentRoom {
  listeners: Set<(event: AssessmentEvent) => void>;
  errors: Set<(error: LiveError) => void>;
  subscription: AssessmentSubscription;
  acks: number;
  changes: Set<(subscription: AssessmentSubscription) => void>;
}

/** What a watcher of an assessment is told. */
export interface AssessmentWatcher {
  onEvent: (event: AssessmentEvent) => void;
  onError?: (error: LiveError) => void;
  /** Runs at once with the current subscription, then at every change of it. */
  onSubscription?: (subscription: AssessmentSubscription) => void;
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

  /** Watches an assessment's live events (staff only). Returns the unsubscribe. */
  watchAssessment(id: string, watcher: AssessmentWatcher): () => void {
    let room = this.assessments.get(id);
    if (!room) {
      room = { listeners: new Set(), errors: new Set(), subscription: { status: 'subscribing' }, acks: 0, changes: new Set() };
      this.assessments.set(id, room);
      this.ensureSocket();
      if (this.socket?.connected) this.subscribeAssessment(id, room);
    }
    const { onEvent, onError, onSubscription } = watcher;
    room.listeners.add(onEvent);
    if (onError) room.errors.add(onError);
    if (onSubscription) {
      room.changes.add(onSubscription);
      onSubscription(room.subscription);
    }
    return () => {
      const r = this.assessments.get(id);
      if (!r) return;
      r.listeners.delete(onEvent);
      if (onError) r.errors.delete(onError);
      if (onSubscription) r.changes.delete(onSubscription);
      // socket.io has no assessment:unsubscribe; the room simply stops being listened to.
      if (r.listeners.size === 0) this.assessments.delete(id);
    };
  }

  /** The subscription of a watched assessment (undefined when not watched). */
  assessment(id: string): AssessmentSubscription | undefined {
    return this.assessments.get(id)?.subscription;
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
    socket.on('disconnect', () => {
      this.setConnection('offline');
      for (const room of this.assessments.values()) this.setSubscription(room, { status: 'subscribing' });
    });
    socket.on('connect_error', (err) => {
      // A refusal by the server's auth middleware is final (socket.io stops retrying); a network error is retried.
      if (!socket.active) {
        this.setConnection('refused');
        const code = ((err as Error & { data?: { code?: ErrorCode } }).data?.code) ?? 'UNAUTHENTICATED';
        const error: LiveError = { code, message: err.message };
        for (const room of this.submissions.values()) this.update(room, { ...room.watch, error });
        for (const room of this.assessments.values()) this.refuseAssessment(room, error);
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
    this.setSubscription(room, { status: 'subscribing' });
    this.socket!.timeout(15_000).emit('assessment:subscribe', id, (timeoutErr, ack) => {
      if (this.assessments.get(id) !== room) return; // unwatched meanwhile
      if (timeoutErr) this.refuseAssessment(room, { code: 'NETWORK', message: 'The live connection did not answer.' });
      else if (!ack.ok) this.refuseAssessment(room, ack.error);
      else this.setSubscription(room, { status: 'live', acks: ++room.acks });
    });
  }

  private refuseAssessment(room: AssessmentRoom, error: LiveError): void {
    this.setSubscription(room, { status: 'refused', error });
    for (const e of room.errors) e(error);
  }

  private setSubscription(room: AssessmentRoom, subscription: AssessmentSubscription): void {
    if (room.subscription.status === 'subscribing' && subscription.status === 'subscribing') return;
    room.subscription = subscription;
    for (const c of room.changes) c(subscription);
  }

  private update(room: SubmissionRoom, watch: SubmissionWatch): void {
    room.watch = watch;
    for (const l of room.listeners) l();
  }
}
