import { regieApi, type WaitingFor } from '../../api/regie-api';
import type { HttpClient } from '../../api/http-client';
import { endOfWorkday } from '../../components/format';
import { isKnownTask, type CaseNorm, type CaseTask, type KnownCaseTask } from '../../api/types';
import type { MessageKey } from '../../i18n/nl';
import type { ActionField, ActionSpec, ActionValues } from './action-form';

export const CASE_ACTIONS = [
  'suspend',
  'resume',
  'suspend-case',
  'resume-case',
  'extend-case',
  'record-agreement',
  'reopen',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface CaseActionContext {
  caseStatus: string;
  tasks: CaseTask[];
  ends: { id: string; name: string }[];
  partnerName: (id: string) => string;
  t: (key: MessageKey) => string;
  /** The case norm's clock, and what the model lets the regisseur do with it. */
  norm?: CaseNorm | null;
  normRules?: { suspendable?: boolean; extendable?: boolean };
  /** On an escalation page: the escalation an agreement may settle, and the task it is about. */
  escalationId?: string;
  taskKey?: string;
}

function taskField(
  tasks: KnownCaseTask[],
  partnerName: (id: string) => string,
  preferred?: string,
) {
  const field: ActionField = {
    name: 'taskKey',
    label: 'action.task',
    kind: 'select',
    problem: 'action.error.task',
    options: tasks.map((task) => ({
      value: task.taskKey,
      label: `${task.stepName} · ${partnerName(task.partnerId)}`,
    })),
  };
  const initial = tasks.find((task) => task.taskKey === preferred) ?? tasks[0];
  return { ...field, initial: tasks.length === 1 || preferred ? initial?.taskKey : undefined };
}

/** The interventions on the case that make sense now, each with the inputs it needs. */
export function caseActionSpecs(context: CaseActionContext): ActionSpec[] {
  const { partnerName } = context;
  const tasks = context.tasks.filter(isKnownTask);
  if (context.caseStatus !== 'open') return [];
  const open = tasks.filter((task) => task.status === 'open');
  const running = open.filter((task) => !task.suspendedSince);
  const suspended = open.filter((task) => task.suspendedSince);
  const completedSteps = [
    ...new Map(
      tasks.filter((task) => task.status === 'completed').map((task) => [task.stepId, task]),
    ).values(),
  ];
  const specs: ActionSpec[] = [];
  if (running.length)
    specs.push({
      id: 'suspend',
      label: 'action.suspend',
      fields: [taskField(running, partnerName, context.taskKey), waitingForField(context.t)],
    });
  if (suspended.length)
    specs.push({
      id: 'resume',
      label: 'action.resume',
      fields: [taskField(suspended, partnerName, context.taskKey)],
    });
  specs.push(...caseNormSpecs(context));
  specs.push({
    id: 'record-agreement',
    label: 'action.record-agreement',
    fields: context.escalationId
      ? [
          {
            name: 'escalationId',
            label: 'action.aboutEscalation',
            kind: 'checkbox',
            problem: 'action.error.escalation',
            initial: 'true',
          },
        ]
      : [],
  });
  if (completedSteps.length)
    specs.push({
      id: 'reopen',
      label: 'action.reopen',
      fields: [
        {
          name: 'stepId',
          label: 'action.step',
          kind: 'select',
          problem: 'action.error.step',
          options: completedSteps.map((task) => ({
            value: task.stepId,
            label: `${task.stepName} · ${partnerName(task.partnerId)}`,
          })),
        },
      ],
    });
  if (context.ends.length)
    specs.push({
      id: 'close',
      label: 'action.close',
      fields: [
        {
          name: 'endId',
          label: 'action.end',
          kind: 'select',
          problem: 'action.error.end',
          options: context.ends.map((end) => ({ value: end.id, label: end.name })),
        },
      ],
    });
  return specs;
}

/** The case norm's clock: suspend or extend it as the model allows once it runs, resume it when paused. */
function caseNormSpecs({ norm, normRules, t }: CaseActionContext): ActionSpec[] {
  if (!norm || norm.dueAt === null) return [];
  const specs: ActionSpec[] = [];
  if (norm.state === 'suspended') specs.push({ id: 'resume-case', label: 'action.resume-case' });
  else if (normRules?.suspendable)
    specs.push({
      id: 'suspend-case',
      label: 'action.suspend-case',
      fields: [waitingForField(t)],
    });
  if (normRules?.extendable)
    specs.push({
      id: 'extend-case',
      label: 'action.extend-case',
      fields: [
        { name: 'dueAt', label: 'escalation.until', kind: 'date', problem: 'action.error.dueAt' },
      ],
    });
  return specs;
}

function waitingForField(t: (key: MessageKey) => string): ActionField {
  return {
    name: 'waitingFor',
    label: 'action.waitingFor',
    kind: 'select',
    problem: 'action.error.waitingFor',
    options: (['client', 'partner'] as const).map((value) => ({
      value,
      label: t(`action.waitingFor.${value}`),
    })),
  };
}

export function isCaseAction(action: string): action is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(action);
}

/** Carries out a case action chosen in the ActionForm. */
export function runCaseAction(
  http: HttpClient,
  caseId: string,
  action: CaseAction,
  reason: string,
  values: ActionValues,
  escalationId?: string,
): Promise<unknown> {
  switch (action) {
    case 'suspend':
      return regieApi.suspend(
        http,
        caseId,
        values.taskKey,
        values.waitingFor as WaitingFor,
        reason,
      );
    case 'resume':
      return regieApi.resume(http, caseId, values.taskKey, reason);
    case 'suspend-case':
      return regieApi.suspendCase(http, caseId, values.waitingFor as WaitingFor, reason);
    case 'resume-case':
      return regieApi.resumeCase(http, caseId, reason);
    case 'extend-case':
      return regieApi.extendCase(http, caseId, endOfWorkday(values.dueAt), reason);
    case 'record-agreement':
      return regieApi.recordAgreement(
        http,
        caseId,
        reason,
        values.escalationId === 'true' ? escalationId : undefined,
      );
    case 'reopen':
      return regieApi.reopen(http, caseId, values.stepId, reason);
    case 'close':
      return regieApi.close(http, caseId, values.endId, reason);
  }
}
