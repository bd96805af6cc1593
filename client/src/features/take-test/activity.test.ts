import { FocusTracker } from './activity';

it('records one focus_lost / focus_regained pair per real change, whichever signals fire', () => {
  const kinds: string[] = [];
  const focus = new FocusTracker((k) => kinds.push(k));
  focus.back(); // focus at load: nothing was lost
  // Switching tabs: blur and visibilitychange(hidden); coming back: visibilitychange(visible) and focus.
  focus.lost();
  focus.lost();
  focus.back();
  focus.back();
  // Another window in front (blur only), then back (focus only).
  focus.lost();
  focus.back();
  expect(kinds).toEqual(['focus_lost', 'focus_regained', 'focus_lost', 'focus_regained']);
});
