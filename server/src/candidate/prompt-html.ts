import { marked } from 'marked';
import type { ChallengeVersionRow } from '../catalog/catalog.table';

// A challenge version's prompt never changes, so each is rendered once per process. Bounded
// anyway (oldest out first) so a long-lived server with many versions keeps a small cache.
const MAX_CACHED = 200;
const cache = new Map<string, string>();

/**
 * A challenge version's prompt (markdown, GitHub flavour) as HTML for the
 * candidate's page. Rendered here rather than in the browser so the page
 * carries no markdown parser; the page still sanitizes it (DOMPurify) before
 * inserting it.
 */
export function promptHtml(version: Pick<ChallengeVersionRow, 'id' | 'prompt'>): string {
  let html = cache.get(version.id);
  if (html === undefined) {
    html = marked.parse(version.prompt, { async: false, gfm: true });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(version.id, html);
  }
  return html;
}
