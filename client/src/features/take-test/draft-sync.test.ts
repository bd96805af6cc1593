import type { Draft, SaveDraftBody } from '@assay/shared';
import { ApiError } from '../../api/http';
import { DraftSync } from './draft-sync';
import { LocalDrafts, type KeyValueStore } from './local-drafts';

/** A Map behind the localStorage interface. */
function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** The server's draft rule: a save naming an older revision is refused. */
function server() {
  let draft: Draft | null = null;
  let online = true;
  return {
    get draft() { return draft; },
    setOnline(v: boolean) { online = v; },
    saveElsewhere(files: Record<string, string>) { draft = { files, revision: (draft?.revision ?? 0) + 1, updatedAt: new Date().toISOString() }; },
    async save(_slug: string, body: SaveDraftBody): Promise<Draft> {
      if (!online) throw new ApiError(0, 'NETWORK', 'offline');
      if (draft && body.baseRevision !== undefined && body.baseRevision !== draft.revision) throw new ApiError(409, 'CONFLICT', 'saved elsewhere');
      draft = { files: body.files, revision: (draft?.revision ?? 0) + 1, updatedAt: new Date().toISOString() };
      return draft;
    },
  };
}

const starter = { 'main.js': '// start\n' };

it('saves edits with the revision they build on, and keeps offline edits across a reload', async () => {
  const srv = server();
  const store = memoryStore();
  const opts = { save: srv.save, fetchServerDraft: async () => srv.draft, local: new LocalDrafts(store, 'tok'), debounceMs: 5, retryMs: 10_000 };
  const a = new DraftSync(opts, [{ slug: 'x', starter, server: null }]);
  a.edit('x', { 'main.js': 'v1' });
  expect(a.get('x')!.state).toBe('unsaved');
  await a.flush('x');
  expect([a.get('x')!.state, a.get('x')!.revision, srv.draft?.files['main.js']]).toEqual(['saved', 1, 'v1']);

  srv.setOnline(false);
  a.edit('x', { 'main.js': 'v2 offline' });
  await a.flush('x');
  expect(a.get('x')!.state).toBe('offline');
  a.close();

  // Reloaded while offline, from a cached assessment that still says "no draft".
  const b = new DraftSync(opts, [{ slug: 'x', starter, server: null }]);
  expect([b.get('x')!.files['main.js'], b.get('x')!.revision]).toEqual(['v2 offline', 1]);
  srv.setOnline(true);
  await b.flush('x');
  expect([b.get('x')!.state, srv.draft?.files['main.js'], srv.draft?.revision]).toEqual(['saved', 'v2 offline', 2]);
  expect(store.data.size).toBe(0);
  b.close();
});

it('never overwrites a save made elsewhere: a conflict, resolved either way', async () => {
  const srv = server();
  const opts = { save: srv.save, fetchServerDraft: async () => srv.draft, local: new LocalDrafts(memoryStore(), 'tok'), debounceMs: 5 };
  const s = new DraftSync(opts, [{ slug: 'x', starter, server: null }]);
  s.edit('x', { 'main.js': 'mine 1' });
  await s.flush('x');
  srv.saveElsewhere({ 'main.js': 'other tab' });
  s.edit('x', { 'main.js': 'mine 2' });
  await s.flush('x');
  expect([s.get('x')!.state, s.get('x')!.theirs?.files['main.js'], srv.draft?.files['main.js']]).toEqual(['conflict', 'other tab', 'other tab']);

  s.resolve('x', 'mine');
  await s.flush('x');
  expect([s.get('x')!.state, srv.draft?.files['main.js']]).toEqual(['saved', 'mine 2']);

  srv.saveElsewhere({ 'main.js': 'other again' });
  s.edit('x', { 'main.js': 'mine 3' });
  await s.flush('x');
  s.resolve('x', 'theirs');
  expect([s.get('x')!.state, s.get('x')!.files['main.js'], srv.draft?.files['main.js']]).toEqual(['saved', 'other again', 'other again']);
  s.close();
});

it('keeps saving after a close and re-open (React StrictMode remounts the effect that owns it)', async () => {
  const srv = server();
  const opts = { save: srv.save, fetchServerDraft: async () => srv.draft, local: new LocalDrafts(memoryStore(), 'tok'), debounceMs: 5 };
  const s = new DraftSync(opts, [{ slug: 'x', starter, server: null }]);
  s.close();
  s.open();
  s.edit('x', { 'main.js': 'after remount' });
  await new Promise((r) => setTimeout(r, 50)); // the debounce timer, not an explicit flush
  expect([s.get('x')!.state, srv.draft?.files['main.js']]).toEqual(['saved', 'after remount']);
  s.close();
});

it('sends nothing while the device says it is offline, and saves once it is back', async () => {
  const srv = server();
  const calls: string[] = [];
  let deviceOffline = true;
  const opts = {
    save: (slug: string, body: SaveDraftBody) => {
      calls.push(body.files['main.js']!);
      return srv.save(slug, body);
    },
    fetchServerDraft: async () => srv.draft,
    local: new LocalDrafts(memoryStore(), 'tok'),
    debounceMs: 5,
    retryMs: 10_000,
    isOffline: () => deviceOffline,
  };
  const s = new DraftSync(opts, [{ slug: 'x', starter, server: null }]);
  s.edit('x', { 'main.js': 'typed offline' });
  await s.flush('x');
  expect([s.get('x')!.state, calls]).toEqual(['offline', []]); // kept on the device, no request made
  await s.flush('x'); // a blur or an unload's flush: still nothing sent
  expect(calls).toEqual([]);
  deviceOffline = false;
  s.online();
  await new Promise((r) => setTimeout(r, 20));
  await s.flush('x');
  expect([s.get('x')!.state, calls, srv.draft?.files['main.js']]).toEqual(['saved', ['typed offline'], 'typed offline']);
  s.close();
});
