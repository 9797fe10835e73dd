import type { PreferenceChoiceView, PreferenceView } from '../protocol';
import type { Preference, PreferenceChoice } from '../store';

/** The stored preference (canonical pair order, `shownFirst`) as the pair the rater saw, left and right. */
export function preferenceView(p: Preference): PreferenceView {
  const aLeft = p.shownFirst !== 'b';
  const left = aLeft ? p.answerA : p.answerB;
  const right = aLeft ? p.answerB : p.answerA;
  const flip: Record<PreferenceChoice, PreferenceChoiceView> = aLeft
    ? { a: 'left', b: 'right', tie: 'tie', 'both-bad': 'both-bad' }
    : { a: 'right', b: 'left', tie: 'tie', 'both-bad': 'both-bad' };
  return { left, right, choice: flip[p.choice] };
}

/** The store's input for a preference given on a left/right pair: `answerA` is the left one, shown first. */
export function preferenceChoice(choice: PreferenceChoiceView): PreferenceChoice {
  return choice === 'left' ? 'a' : choice === 'right' ? 'b' : choice;
}
