import { escalationsApi, type EscalationAction } from '../../api/escalations-api';
import type { HttpClient } from '../../api/http-client';
import { regieApi, type WaitingFor } from '../../api/regie-api';
import type { ActionName, ActionVerdict, KnownCaseTask } from '../../api/types';
import { refusalMessage } from '../../components/error-text';
import { endOfWorkday } from '../../components/format';
import type { MessageKey } from '../../i18n/nl';
import type { ActionField, ActionSpec, ActionValues } from './action-form';

/** Actions on a clock: offered per task, and without a task for the case norm's own clock. */
const ON_CLOCK = ['extend', 'suspend', 'resume'] as const;
type ClockAction = (typeof ON_CLOCK)[number];
/** The form's choice of an action on the case norm's clock: its own entry, e.g. `suspend-case`. */
export type FormAction = ActionName | `${ClockAction}-case`;

/** The words of each of the regisseur's actions. */
const LABELS: Partial<Record<FormAction, MessageKey>> = {
  'extend-case': 'action.extend-case',
  'suspend-case': 'action.suspend-case',
  'resume-case': 'action.resume-case',
  reassign: 'escalation.action.reassign',
  extend: 'escalation.action.extend',
  suspend: 'action.suspend',
  resume: 'action.resume',
  remind: 'escalation.action.remind',
  skip: 'escalation.action.skip',
  reopen: 'action.reopen',
  close: 'action.close',
  cancel: 'action.cancel',
  'record-agreement': 'action.record-agreement',
  resolve: 'escalation.action.resolve',
  escalate: 'escalation.action.escalate',
  'de-escalate': 'escalation.action.de-escalate',
};

const ON_ESCALATION: readonly ActionName[] = ['resolve', 'escalate', 'de-escalate'];

/** The form's entry for an offer: the case norm's clock has its own (the offer names no task). */
function formAction(offer: ActionVerdict): FormAction {
  const onClock = (ON_CLOCK as readonly string[]).includes(offer.action);
  return onClock && !offer.taskKey ? `${offer.action as ClockAction}-case` : offer.action;
}

export interface ActionContext {
  /** The case's tasks the regisseur knows (their step and partner). */
  tasks: KnownCaseTask[];
  ends: { id: string; name: string }[];
  /** Partners a step may be reassigned to besides its own (the model's alternatives). */
  alternatives: (stepId: string) => string[];
  partnerName: (id: string) => string;
  t: (key: MessageKey) => string;
  /** On an escalation page: the escalation an agreement may settle. */
  escalationId?: string;
}

/**
 * The ActionForm's choices, exactly as the server offers them: an action absent from the offers is
 * not shown; one offered but not allowed is shown disabled with the server's reason. Actions on
 * tasks are grouped per kind, each with the tasks it is offered for.
 */
export function actionSpecs(offers: ActionVerdict[], context: ActionContext): ActionSpec[] {
  const kinds = [...new Set(offers.map(formAction))];
  return kinds.flatMap((kind) => {
    const label = LABELS[kind];
    if (!label) return [];
    const ofKind = offers.filter((offer) => formAction(offer) === kind);
    const allowed = ofKind.filter((offer) => offer.allowed);
    const spec: ActionSpec = {
      id: kind,
      label,
      fields: fieldsFor(ofKind[0].action, ofKind, context),
    };
    if (allowed.length === 0 && ofKind[0]?.reason)
      spec.refusal = context.t(refusalMessage(ofKind[0].reason));
    return [spec];
  });
}

function fieldsFor(action: ActionName, offers: ActionVerdict[], context: ActionContext) {
  const fields: ActionField[] = [];
  const targets = offers.filter((offer) => offer.taskKey);
  if (targets.length > 0 && !context.escalationId)
    fields.push(targetField(action, targets, context));
  if (action === 'reassign') {
    const task = context.tasks.find((candidate) => candidate.taskKey === targets[0]?.taskKey);
    const partners = task ? context.alternatives(task.stepId) : [];
    fields.push({
      name: 'partnerId',
      label: 'escalation.partner',
      kind: 'select',
      problem: 'form.error.required',
      options: partners.map((id) => ({ value: id, label: context.partnerName(id) })),
    });
  }
  if (action === 'extend')
    fields.push({
      name: 'dueAt',
      label: 'escalation.until',
      kind: 'date',
      problem: 'action.error.dueAt',
    });
  if (action === 'suspend')
    fields.push({
      name: 'waitingFor',
      label: 'action.waitingFor',
      kind: 'select',
      problem: 'action.error.waitingFor',
      options: (['client', 'partner'] as const).map((value) => ({
        value,
        label: context.t(`action.waitingFor.${value}`),
      })),
    });
  if (action === 'close')
    fields.push({
      name: 'endId',
      label: 'action.end',
      kind: 'select',
      problem: 'action.error.end',
      options: context.ends.map((end) => ({ value: end.id, label: end.name })),
    });
  if (action === 'record-agreement' && context.escalationId)
    fields.push({
      name: 'escalationId',
      label: 'action.aboutEscalation',
      kind: 'checkbox',
      problem: 'action.error.escalation',
      initial: 'true',
    });
  return fields;
}

/** The task (or, to reopen, the step) an action is for; those it may not act on now are disabled. */
function targetField(action: ActionName, targets: ActionVerdict[], context: ActionContext) {
  const reopen = action === 'reopen';
  const options = targets.map((offer) => {
    const task = context.tasks.find((candidate) => candidate.taskKey === offer.taskKey);
    const name = task ? `${task.stepName} · ${context.partnerName(task.partnerId)}` : offer.taskKey;
    const refusal =
      offer.allowed || !offer.reason ? '' : ` — ${context.t(refusalMessage(offer.reason))}`;
    return {
      value: (reopen ? offer.stepId : offer.taskKey) ?? '',
      label: `${name}${refusal}`,
      disabled: !offer.allowed,
    };
  });
  const enabled = options.filter((option) => !option.disabled);
  const field: ActionField = {
    name: reopen ? 'stepId' : 'taskKey',
    label: reopen ? 'action.step' : 'action.task',
    kind: 'select',
    problem: reopen ? 'action.error.step' : 'action.error.task',
    options,
  };
  return enabled.length === 1 ? { ...field, initial: enabled[0].value } : field;
}

/**
 * Carries out an action chosen in the ActionForm: on the escalation itself, or on the case or one
 * of its tasks (the escalation's task, or the one chosen in the form).
 */
export function runAction(
  http: HttpClient,
  target: { caseId: string; taskKey?: string; escalation?: { id: string; caseId: string } },
  action: FormAction,
  reason: string,
  values: ActionValues,
): Promise<unknown> {
  const { caseId } = target;
  const taskKey = values.taskKey || target.taskKey || '';
  const escalationId = values.escalationId === 'true' ? target.escalation?.id : undefined;
  if ((ON_ESCALATION as readonly string[]).includes(action) && target.escalation)
    return escalationsApi.act(http, target.escalation, {
      action: action as EscalationAction,
      reason,
    });
  switch (action) {
    case 'suspend':
      return regieApi.suspend(http, caseId, taskKey, values.waitingFor as WaitingFor, reason);
    case 'suspend-case':
      return regieApi.suspendCase(http, caseId, values.waitingFor as WaitingFor, reason);
    case 'extend':
      return regieApi.onTask(http, caseId, taskKey, 'extend', {
        reason,
        dueAt: endOfWorkday(values.dueAt),
      });
    case 'extend-case':
      return regieApi.extendCase(http, caseId, endOfWorkday(values.dueAt), reason);
    case 'reassign':
      return regieApi.onTask(http, caseId, taskKey, 'reassign', {
        reason,
        partnerId: values.partnerId,
      });
    case 'resume-case':
      return regieApi.resumeCase(http, caseId, reason);
    case 'resume':
    case 'remind':
    case 'skip':
      return regieApi.onTask(http, caseId, taskKey, action, { reason });
    case 'record-agreement':
      return regieApi.recordAgreement(http, caseId, reason, escalationId);
    case 'reopen':
      return regieApi.reopen(http, caseId, values.stepId, reason);
    case 'close':
      return regieApi.close(http, caseId, values.endId, reason);
    case 'cancel':
      return regieApi.cancel(http, caseId, reason);
    default:
      return Promise.reject(new Error(`Not a regisseur action: ${action}`));
  }
}
