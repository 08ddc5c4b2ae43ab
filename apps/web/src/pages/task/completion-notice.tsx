import type { Transition } from '../../api/types';
import type { MessageKey } from '../../i18n/nl';
/**
 * What the caseworker reads after completing: a handover only when the next task is with another
 * organisation; the next step of their own, or the end of the case, otherwise.
 */
export function completionNotice(
  transition: Transition,
  organisationId: string | null,
): MessageKey {
  if (transition.opened.some((opened) => opened.partnerId !== organisationId))
    return 'task.completed';
  if (transition.opened.length > 0) return 'task.completedNextStepOwn';
  return transition.status === 'open' ? 'task.completedWaiting' : 'task.completedCaseEnded';
}
