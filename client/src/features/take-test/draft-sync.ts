import type { Draft, SaveDraftBody, SolutionFiles } from '@assay/shared';
import { ApiError } from '../../api/http';
import type { LocalDrafts } from './local-drafts';

/**
 * saved: the server has these files. unsaved: edits waiting for the debounce.
 * saving: a save is on its way. offline: the network is down, edits are kept
 * locally and retried. conflict: the server's draft moved on elsewhere (another
 * tab or device): the candidate chooses. error: refused for another reason.
 */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'offline' | 'conflict' | 'error';

export interface ChallengeDraft {
  files: SolutionFiles;
  /** The server revision `files` are based on (null: never saved). */
  revision: number | null;
  state: SaveState;
  /** The server's draft when `state` is conflict. */
  theirs?: Draft;
  /** Message of an `error` state. */
  message?: string;
  /** Bumped when `files` were replaced from outside (the other version of a conflict): editors reload. */
  replaced?: number;
}

export interface DraftSyncOptions {
  save(slug: string, body: SaveDraftBody): Promise<Draft>;
  /** The server's current draft of a challenge (asked after a 409). */
  fetchServerDraft(slug: string): Promise<Draft | null>;
  local: LocalDrafts;
  /** Typing pause before a save. @defaultValue 1000 */
  debounceMs?: number;
  /** Retry interval while offline. @defaultValue 4000 */
  retryMs?: number;
  /**
   * True when the device knows it has no network (`navigator.onLine === false`;
   * only `false` is reliable): no save is attempted then, the edit waits as
   * offline. Such a request could only fail, and one made while the page
   * unloads is not always stopped by an emulated offline mode. @defaultValue never
   */
  isOffline?: () => boolean;
}

export interface ChallengeStart {
  slug: string;
  starter: SolutionFiles;
  server: Draft | null;
}

type Listener = () => void;

/**
 * Keeps every challenge's draft in step with the server: debounced saves that
 * name the revision they build on, local copies of unconfirmed edits (restored
 * after a reload, flushed when the network returns), and a conflict state
 * instead of a silent overwrite. DOM-free; the workspace subscribes to it.
 */
export class DraftSync {
  private drafts = new Map<string, ChallengeDraft>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private inFlight = new Map<string, Promise<void>>();
  private readonly listeners = new Set<Listener>();
  private retryTimer: ReturnType<typeof setInterval> | undefined;
  private readonly debounceMs: number;
  private readonly retryMs: number;
  private closed = false;
  /** Grows with every change: a cheap snapshot for React's useSyncExternalStore. */
  version = 0;

  constructor(private readonly opts: DraftSyncOptions, challenges: ChallengeStart[]) {
    this.debounceMs = opts.debounceMs ?? 1_000;
    this.retryMs = opts.retryMs ?? 4_000;
    for (const c of challenges) this.drafts.set(c.slug, this.initial(c));
    // Local edits that survived a reload go out at once.
    for (const [slug, d] of this.drafts) if (d.state === 'unsaved') this.schedule(slug, 0);
  }

  private initial({ slug, starter, server }: ChallengeStart): ChallengeDraft {
    const local = this.opts.local.get(slug);
    const serverRevision = server?.revision ?? null;
    if (local) {
      const base = local.baseRevision ?? 0;
      const known = serverRevision ?? 0;
      // Local edits on top of what the server has, or of a newer revision than a cached copy knows: keep them, send them.
      if (base >= known) return { files: local.files, revision: local.baseRevision, state: 'unsaved' };
      if (server && !sameFiles(local.files, server.files)) {
        // Saved elsewhere after these local edits started: neither copy wins silently.
        return { files: local.files, revision: local.baseRevision, state: 'conflict', theirs: server };
      }
      this.opts.local.clear(slug);
    }
    return { files: server?.files ?? starter, revision: serverRevision, state: 'saved' };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(slug: string): ChallengeDraft | undefined {
    return this.drafts.get(slug);
  }

  /** The state shown in the indicator: the worst of all challenges. */
  overall(): SaveState {
    const order: SaveState[] = ['conflict', 'error', 'offline', 'saving', 'unsaved', 'saved'];
    const states = new Set([...this.drafts.values()].map((d) => d.state));
    return order.find((s) => states.has(s)) ?? 'saved';
  }

  /** The candidate changed a challenge's files. */
  edit(slug: string, files: SolutionFiles): void {
    const d = this.drafts.get(slug);
    if (!d || sameFiles(d.files, files)) return;
    const state: SaveState = d.state === 'conflict' || d.state === 'offline' ? d.state : 'unsaved';
    this.put(slug, { ...d, files, state });
    this.opts.local.set(slug, { files, baseRevision: d.revision, savedAt: new Date().toISOString() });
    if (state === 'unsaved') this.schedule(slug, this.debounceMs);
  }

  /** Saves now whatever is waiting (on blur, before a run or a submission). Resolves once the server answered. */
  async flush(slug?: string): Promise<void> {
    const slugs = slug ? [slug] : [...this.drafts.keys()];
    await Promise.all(slugs.map((s) => this.saveNow(s)));
  }

  /** The network came back: retry every waiting save. */
  online(): void {
    for (const [slug, d] of this.drafts) if (d.state === 'offline') this.schedule(slug, 0);
  }

  /** Resolves a conflict: keep mine (saved over theirs, knowingly) or take theirs. */
  resolve(slug: string, choice: 'mine' | 'theirs'): void {
    const d = this.drafts.get(slug);
    if (!d?.theirs) return;
    if (choice === 'theirs') {
      this.opts.local.clear(slug);
      this.put(slug, { files: d.theirs.files, revision: d.theirs.revision, state: 'saved', replaced: (d.replaced ?? 0) + 1 });
    } else {
      this.put(slug, { files: d.files, revision: d.theirs.revision, state: 'unsaved', replaced: d.replaced });
      this.opts.local.set(slug, { files: d.files, baseRevision: d.theirs.revision, savedAt: new Date().toISOString() });
      this.schedule(slug, 0);
    }
  }

  /** (Re)opens it: React's StrictMode unmounts and remounts an effect once, so a close is not final. */
  open(): void {
    this.closed = false;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  private put(slug: string, d: ChallengeDraft): void {
    this.drafts.set(slug, d);
    this.version++;
    for (const l of this.listeners) l();
  }

  private schedule(slug: string, ms: number): void {
    clearTimeout(this.timers.get(slug));
    this.timers.set(slug, setTimeout(() => void this.saveNow(slug), ms));
  }

  private async saveNow(slug: string): Promise<void> {
    clearTimeout(this.timers.get(slug));
    const running = this.inFlight.get(slug);
    if (running) {
      await running;
      return this.saveNow(slug);
    }
    const d = this.drafts.get(slug);
    if (!d || this.closed || !(d.state === 'unsaved' || d.state === 'offline')) return;
    if (this.opts.isOffline?.()) return this.waitOffline(slug, d);
    const p = this.send(slug, d).finally(() => this.inFlight.delete(slug));
    this.inFlight.set(slug, p);
    await p;
  }

  /** Kept locally (edit() did), retried every retryMs and when the network comes back. */
  private waitOffline(slug: string, d: ChallengeDraft): void {
    if (d.state !== 'offline') this.put(slug, { ...d, state: 'offline' });
    this.retryTimer ??= setInterval(() => this.online(), this.retryMs);
  }

  private async send(slug: string, sent: ChallengeDraft): Promise<void> {
    this.put(slug, { ...sent, state: 'saving' });
    try {
      // Never an unconditional overwrite: a first save (0) fails if another tab created the draft meanwhile.
      const saved = await this.opts.save(slug, { files: sent.files, baseRevision: sent.revision ?? 0 });
      const now = this.drafts.get(slug)!;
      if (sameFiles(now.files, sent.files)) {
        this.opts.local.clear(slug);
        this.put(slug, { files: now.files, revision: saved.revision, state: 'saved', replaced: now.replaced });
      } else {
        // Typed on while it was saving: the newer files build on the revision just made.
        this.opts.local.set(slug, { files: now.files, baseRevision: saved.revision, savedAt: new Date().toISOString() });
        this.put(slug, { files: now.files, revision: saved.revision, state: 'unsaved', replaced: now.replaced });
        this.schedule(slug, this.debounceMs);
      }
      this.stopRetryingIfDone();
    } catch (err) {
      const now = this.drafts.get(slug)!;
      if (err instanceof ApiError && err.isNetwork) {
        this.waitOffline(slug, now);
      } else if (err instanceof ApiError && err.code === 'CONFLICT') {
        const theirs = await this.opts.fetchServerDraft(slug).catch(() => null);
        if (theirs && theirs.revision !== now.revision) this.put(slug, { ...now, state: 'conflict', theirs });
        else this.put(slug, { ...now, state: 'error', message: err.message }); // finished or past the deadline
      } else {
        this.put(slug, { ...now, state: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private stopRetryingIfDone(): void {
    if (![...this.drafts.values()].some((d) => d.state === 'offline')) {
      clearInterval(this.retryTimer);
      this.retryTimer = undefined;
    }
  }
}

export function sameFiles(a: SolutionFiles, b: SolutionFiles): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
