import { useAnonymized } from './review.hooks';

/** Anonymized mode: names and emails hidden on every page, remembered on the server for this interviewer. */
export function AnonymizedToggle() {
  const { anonymized, setAnonymized, ready } = useAnonymized();
  return (
    <label className="toggle anonymized-toggle" title="Hide candidates' names and emails everywhere; show stable pseudonyms instead. Remembered for your account.">
      <input type="checkbox" role="switch" checked={ready && anonymized} disabled={!ready} onChange={(e) => setAnonymized(e.target.checked)} aria-checked={ready && anonymized} />
      Anonymized
    </label>
  );
}
