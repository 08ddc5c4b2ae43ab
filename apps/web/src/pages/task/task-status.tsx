import type { InboxItem } from '../../api/types';
import type { MessageKey } from '../../i18n/nl';

/** An open task someone holds is "in progress"; otherwise its own status. */
export function taskStatusKey(task: Pick<InboxItem, 'status' | 'assigneeId'>): MessageKey {
  if (task.status === 'open' && task.assigneeId) return 'task.status.claimed';
  return `task.status.${task.status}`;
}
