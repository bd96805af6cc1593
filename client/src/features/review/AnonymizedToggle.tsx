import { useEffect, useState } from 'react';
import { useAnonymized } from './review.hooks';

/** Anonymized mode: names and emails hidden on every page, remembered on the server for this interviewer. */
export function AnonymizedToggle() {
  const { anonymized, setAnonymized, ready, saveError } = useAnonymized();
  // The switch turns in the click's own render: the cached preference follows a moment later (the mutation updates
  // it asynchronously), and a controlled checkbox whose state has not changed by then snaps back for a frame.
  const [clicked, setClicked] = useState<boolean | null>(null);
  useEffect(() => setClicked(null), [anonymized]);
  const on = ready && (clicked ?? anonymized);
  return (
    <label className="toggle anonymized-toggle" title="Hide candidates' names and emails everywhere; show stable pseudonyms instead. Remembered for your account.">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        disabled={!ready}
        aria-checked={on}
        onChange={(e) => {
          setClicked(e.target.checked);
          setAnonymized(e.target.checked);
        }}
      />
      Anonymized
      {saveError && <span className="toggle-error" role="alert">not saved: {saveError}</span>}
    </label>
  );
}
