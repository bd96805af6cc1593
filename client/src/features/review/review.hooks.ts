import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { candidateLabel, type StaffPreferences } from '@assay/shared';
import { reviewApi } from '../../api/review';
import { useSession } from '../auth/session';

export const PREFERENCES_KEY = ['preferences'] as const;

/** Shown instead of a candidate's name until the anonymized preference is known. */
export const CANDIDATE_PLACEHOLDER = 'Candidate';

/**
 * The caller's anonymized preference (server-side, so it follows them) and a
 * setter. Until the server answers, `anonymized` is true (names and emails
 * stay hidden): a reviewer who works anonymized must never see a name flash.
 */
export function useAnonymized(): { anonymized: boolean; setAnonymized: (on: boolean) => void; ready: boolean; saveError: string | null } {
  const client = useQueryClient();
  const prefs = useQuery({ queryKey: ['preferences'], queryFn: reviewApi.preferences, staleTime: 60_000 });
  const save = useMutation({
    mutationKey: PREFERENCES_KEY, // pages the server anonymizes wait for a change to be saved (useIsMutating)
    mutationFn: (anonymized: boolean) => reviewApi.savePreferences({ anonymized }),
    onMutate: async (anonymized) => {
      await client.cancelQueries({ queryKey: ['preferences'] }); // a refetch in flight must not overwrite the change
      const previous = client.getQueryData<StaffPreferences>(['preferences']);
      client.setQueryData(['preferences'], { anonymized });
      return { previous };
    },
    onError: (_err, _anonymized, context) => context?.previous && client.setQueryData(['preferences'], context.previous), // the server kept the old one
    onSettled: () => client.invalidateQueries({ queryKey: ['preferences'] }),
  });
  return {
    anonymized: prefs.data?.anonymized ?? true,
    setAnonymized: (on) => save.mutate(on),
    ready: prefs.isSuccess,
    saveError: save.error ? save.error.message : null,
  };
}

/** How to show a candidate: name, or their pseudonym in anonymized mode; a neutral placeholder until the preference is known. */
export function useCandidateLabel(): (invitation: { id: string; candidateName: string }) => string {
  const { anonymized, ready } = useAnonymized();
  return useCallback((inv) => (ready ? candidateLabel(inv, anonymized) : CANDIDATE_PLACEHOLDER), [anonymized, ready]);
}

/** The width of an element, kept up to date (charts draw to it). */
export function useWidth<T extends HTMLElement>(fallback = 800): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    if (!ref.current) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(320, Math.floor(entry.contentRect.width))));
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A clock that ticks every second, for time left. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** Single-key shortcuts, ignored while typing in a field and with modifier keys (except the ones a binding names). */
export function useShortcuts(bindings: Record<string, () => void>): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      // A focused editor counts as typing even read-only (CodeMirror's viewer is not contenteditable then).
      const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest?.('.cm-editor, [contenteditable]'));
      const key = `${e.ctrlKey || e.metaKey ? 'mod+' : ''}${e.key.toLowerCase()}`;
      const action = latest.current[key];
      if (!action || (typing && !key.startsWith('mod+')) || e.altKey) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The signed-in staff member (the foundation's session query). */
export function useMe() {
  return useSession();
}
