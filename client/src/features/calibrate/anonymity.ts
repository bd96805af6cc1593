import { useIsMutating } from '@tanstack/react-query';
import { PREFERENCES_KEY, useAnonymized } from '../review/review.hooks';

/**
 * The viewer's anonymized preference as the calibration pages need it: the
 * server applies the stored preference to what it answers, so these pages
 * ask only once it is `known` (loaded, and no change of it still being
 * saved, else the server could answer by the old one), and show an answer
 * only when it is at least as anonymized as the viewer wants (`fits`).
 * Until then they show a loading state, never names.
 */
export function useCalibrationAnonymity(): { anonymized: boolean; known: boolean; fits: (answer: { anonymized: boolean }) => boolean } {
  const { anonymized, ready } = useAnonymized();
  const saving = useIsMutating({ mutationKey: PREFERENCES_KEY }) > 0;
  return { anonymized, known: ready && !saving, fits: (answer) => answer.anonymized || !anonymized };
}
