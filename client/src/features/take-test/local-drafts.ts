import type { SolutionFiles } from '@assay/shared';

/** A key-value store like localStorage (injected so the logic runs in Node tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Edits not yet confirmed by the server, kept across reloads and offline spells. */
export interface LocalDraft {
  files: SolutionFiles;
  /** The server revision these edits started from; null: no server draft yet. */
  baseRevision: number | null;
  savedAt: string;
}

/** Short, stable, non-reversible name for a token (the token itself is not written to storage keys). */
export function tokenTag(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Unsaved drafts of one invitation, one entry per challenge. */
export class LocalDrafts {
  private readonly prefix: string;

  constructor(private readonly store: KeyValueStore | null, token: string) {
    this.prefix = `assay.draft.${tokenTag(token)}.`;
  }

  get(slug: string): LocalDraft | null {
    try {
      const raw = this.store?.getItem(this.prefix + slug);
      return raw ? (JSON.parse(raw) as LocalDraft) : null;
    } catch {
      return null;
    }
  }

  set(slug: string, draft: LocalDraft): void {
    try {
      this.store?.setItem(this.prefix + slug, JSON.stringify(draft));
    } catch {
      // storage full or disabled: the server copy is all we have
    }
  }

  clear(slug: string): void {
    try {
      this.store?.removeItem(this.prefix + slug);
    } catch {
      // ignore
    }
  }
}
