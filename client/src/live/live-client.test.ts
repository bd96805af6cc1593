import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SubmissionEvent, SubmissionSummary } from '@assay/shared';
import { LiveClient } from './live-client';

/**
 * The client against a real socket.io server that plays the protocol of
 * server/src/live/live.socket.ts with a scripted submission, so reconnects
 * and redelivered events can be forced.
 */
const id = '00000000-0000-4000-8000-0000000000aa';
const at = '2026-12-02T10:00:00.000Z';
const summary: SubmissionSummary = {
  id, challengeSlug: 'stream-log', kind: 'final', status: 'running', verdict: null, message: null, attempt: 1,
  createdAt: at, startedAt: at, finishedAt: null, tests: [], score: null,
};
const progress = (seq: number): SubmissionEvent => ({ type: 'progress', submissionId: id, seq, at, message: `step ${seq}` });

let httpServer: http.Server;
let io: Server<ClientToServerEvents, ServerToClientEvents>;
let url: string;
let snapshotSeq = 2;
const allowedAssessment = '00000000-0000-4000-8000-0000000000bb';
const subscribes: string[] = [];
const auths: unknown[] = [];

beforeAll(async () => {
  httpServer = http.createServer();
  io = new Server(httpServer);
  io.on('connection', (socket) => {
    auths.push(socket.handshake.auth);
    socket.on('submission:subscribe', async (sid, ack) => {
      subscribes.push(sid);
      await socket.join(`submission:${sid}`);
      // An event already inside the snapshot, delivered before the ack: must be dropped.
      socket.emit('submission:event', progress(snapshotSeq));
      ack({ ok: true, snapshot: { submission: summary, seq: snapshotSeq, events: [] } });
    });
    socket.on('assessment:subscribe', async (aid, ack) => {
      if (aid !== allowedAssessment) return ack({ ok: false, error: { code: 'NOT_FOUND', message: 'No such assessment.' } });
      await socket.join(`assessment:${aid}`);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await io.close();
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`never: ${what}`);
}

it('drops duplicate seqs and resubscribes from a fresh snapshot after a reconnect', async () => {
  const client = new LiveClient({ url, socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 } });
  client.setCandidateToken('invite-token');
  let changes = 0;
  const stop = client.watchSubmission(id, () => changes++);
  await until(() => client.submission(id)?.state?.seq === 2, 'the snapshot');
  expect(auths).toEqual([{ token: 'invite-token' }]);
  expect(client.submission(id)!.state!.events).toEqual([]); // the pre-ack duplicate was dropped

  io.to(`submission:${id}`).emit('submission:event', progress(3));
  io.to(`submission:${id}`).emit('submission:event', progress(3));
  io.to(`submission:${id}`).emit('submission:event', progress(4));
  await until(() => client.submission(id)?.state?.seq === 4, 'events 3 and 4');
  expect(client.submission(id)!.state!.events.map((e) => e.seq)).toEqual([3, 4]);

  // The connection drops (not a server-initiated disconnect): the client reconnects by itself
  // and must ask again, restarting from what the server now knows.
  snapshotSeq = 7;
  for (const s of await io.fetchSockets()) (s as unknown as { conn: { close(): void } }).conn.close();
  await until(() => client.submission(id)?.state?.seq === 7, 'the snapshot after the reconnect');
  expect(subscribes).toEqual([id, id]);
  expect(client.connectionState).toBe('connected');
  io.to(`submission:${id}`).emit('submission:event', progress(6));
  io.to(`submission:${id}`).emit('submission:event', progress(8));
  await until(() => client.submission(id)?.state?.seq === 8, 'event 8');
  expect(client.submission(id)!.state!.events.map((e) => e.seq)).toEqual([8]);
  expect(changes).toBeGreaterThanOrEqual(4);
  stop();
  client.close();
});

it('reports an assessment as live only once the server acked its subscription, and refused when it said no', async () => {
  const client = new LiveClient({ url, socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 } });
  const seen: string[] = [];
  const errors: string[] = [];
  const stopRefused = client.watchAssessment('00000000-0000-4000-8000-0000000000cc', { onEvent: () => {}, onError: (e) => errors.push(e.code) });
  const stop = client.watchAssessment(allowedAssessment, { onEvent: () => {}, onSubscription: (s) => seen.push(s.status === 'live' ? `live ${s.acks}` : s.status) });
  await until(() => client.assessment(allowedAssessment)?.status === 'live', 'the ack');
  await until(() => client.assessment('00000000-0000-4000-8000-0000000000cc')?.status === 'refused', 'the refusal');
  expect(client.connectionState).toBe('connected'); // the socket is up all the same: the subscription is what counts
  expect(errors).toEqual(['NOT_FOUND']);
  expect(seen).toEqual(['subscribing', 'live 1']);

  // A dropped connection loses the room: not live until the server acks again.
  for (const s of await io.fetchSockets()) (s as unknown as { conn: { close(): void } }).conn.close();
  await until(() => seen.length >= 4, 'the re-subscription');
  expect(seen).toEqual(['subscribing', 'live 1', 'subscribing', 'live 2']);
  stopRefused();
  stop();
  client.close();
});
