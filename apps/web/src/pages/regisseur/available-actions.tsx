import {
  ESCALATION_ACTIONS,
  type Escalation,
  type EscalationAction,
} from '../../api/escalations-api';
import type { ActionSpec } from './action-form';

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

/** The escalation's actions as the ActionForm shows them, with what reassign and extend need. */
export function escalationActionSpecs(
  actions: EscalationAction[],
  partners: { id: string; name: string }[],
): ActionSpec[] {
  return actions.map((action) => {
    const spec: ActionSpec = { id: action, label: `escalation.action.${action}` };
    if (action === 'reassign')
      spec.fields = [
        {
          name: 'partnerId',
          label: 'escalation.partner',
          kind: 'select',
          problem: 'form.error.required',
          options: partners.map((partner) => ({ value: partner.id, label: partner.name })),
        },
      ];
    if (action === 'extend')
      spec.fields = [
        { name: 'dueAt', label: 'escalation.until', kind: 'date', problem: 'action.error.dueAt' },
      ];
    return spec;
  });
}
