import {
  ESCALATION_ACTIONS,
  type Escalation,
  type EscalationAction,
} from '../../api/escalations-api';

const TASK_ACTIONS: EscalationAction[] = ['remind', 'reassign', 'extend', 'skip'];
const TOP_LEVEL = 4;

/** The actions that make sense now: task actions need a task; the ladder has a bottom and a top. */
export function availableActions(
  escalation: Escalation,
  alternativePartners: string[],
): EscalationAction[] {
  return ESCALATION_ACTIONS.filter((action) => {
    if (TASK_ACTIONS.includes(action) && !escalation.taskKey) return false;
    if (action === 'reassign') return alternativePartners.length > 0;
    if (action === 'escalate') return escalation.level < TOP_LEVEL;
    if (action === 'de-escalate') return escalation.level > 0;
    return true;
  });
}
