import { defaultRubric } from '../../../server/rubric';
import { formFields } from '../../../webview/ratingForm';

/**
 * The keys that fill the default rubric's form from its first field to its last, the comment left empty:
 * `choice` on every choice field (the n-th choice), `overall` on the overall score.
 */
export function ratingKeys(choice: string, overall: string): string[] {
  return formFields(defaultRubric())
    .filter((f) => f.kind !== 'comment')
    .map((f) => (f.kind === 'overall' ? overall : choice));
}
