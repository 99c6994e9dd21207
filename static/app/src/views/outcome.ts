import type { Outcome } from '../../../../src/domain/sprintFacts';

/** How each sprint-report outcome looks everywhere in the UI; its words are `outcome.<name>` in the locales. */
export const OUTCOME: Record<Outcome, { text: string; appearance: 'success' | 'default' | 'moved' | 'removed' }> = {
  completed: { text: 'outcome.completed', appearance: 'success' },
  notCompleted: { text: 'outcome.notCompleted', appearance: 'default' },
  completedOutside: { text: 'outcome.completedOutside', appearance: 'moved' },
  removed: { text: 'outcome.removed', appearance: 'removed' },
};
