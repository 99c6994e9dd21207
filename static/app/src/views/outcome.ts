import type { Outcome } from '../../../../src/domain/sprintFacts';

/** How each sprint-report outcome is labelled everywhere in the UI. */
export const OUTCOME: Record<Outcome, { text: string; appearance: 'success' | 'default' | 'moved' | 'removed' }> = {
  completed: { text: 'Completed', appearance: 'success' },
  notCompleted: { text: 'Not completed', appearance: 'default' },
  completedOutside: { text: 'Done outside sprint', appearance: 'moved' },
  removed: { text: 'Removed', appearance: 'removed' },
};
