import {
  CaseData,
  FieldDefinition,
  FormField,
  FieldValue,
  ReferenceModel,
} from '../model/reference-model.types';
import { enumChoices } from '../model/choices';
import { taskWork } from './joint-steps';

export type SubmissionProblemCode =
  | 'unknown-step'
  | 'unknown-category'
  | 'unknown-outcome'
  | 'unknown-field'
  | 'required-missing'
  | 'wrong-type'
  | 'value-not-allowed'
  | 'handover-incomplete';

export interface SubmissionProblem {
  code: SubmissionProblemCode;
  /** The field concerned, if any. */
  field?: string;
  message: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

const isEmpty = (value: FieldValue | undefined) =>
  value === undefined || value === null || value === '';

function checkValue(definition: FieldDefinition, value: FieldValue): SubmissionProblem | undefined {
  const field = definition.id;
  const wrong = (expected: string): SubmissionProblem => ({
    code: 'wrong-type',
    field,
    message: `'${definition.label}' must be ${expected}`,
  });
  switch (definition.type) {
    case 'string':
      return typeof value === 'string' ? undefined : wrong('text');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : wrong('a number');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrong('yes or no (true/false)');
    case 'date':
      return typeof value === 'string' && isIsoDate(value)
        ? undefined
        : wrong('a date (YYYY-MM-DD)');
    case 'enum':
      if (typeof value !== 'string') return wrong('one of the listed values');
      return enumChoices(definition).some((choice) => choice.id === value)
        ? undefined
        : {
            code: 'value-not-allowed',
            field,
            message: `'${definition.label}' must be one of ${enumChoices(definition)
              .map((choice) => choice.id)
              .join(', ')}, not '${value}'`,
          };
  }
}

/** Checks submitted data against a form: only form fields, right types, required ones present. */
export function checkForm(
  model: ReferenceModel,
  form: FormField[],
  data: CaseData,
): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const definitions = new Map(model.fields.map((f) => [f.id, f]));
  for (const [field, value] of Object.entries(data)) {
    const definition = definitions.get(field);
    if (!definition || !form.some((f) => f.field === field)) {
      problems.push({
        code: 'unknown-field',
        field,
        message: `'${field}' is not a field of this form`,
      });
    } else if (value !== null) {
      const found = checkValue(definition, value);
      if (found) problems.push(found);
    }
  }
  for (const { field, required } of form) {
    if (required && isEmpty(data[field])) {
      const label = definitions.get(field)?.label ?? field;
      problems.push({ code: 'required-missing', field, message: `'${label}' is required` });
    }
  }
  return problems;
}

/**
 * Field-level problems of completing `stepId` with `outcome` and `data`. When the case data so
 * far is given, also checks that everything the step must hand over is present afterwards.
 */
export function validateStepSubmission(
  model: ReferenceModel,
  stepId: string,
  outcome: string,
  data: CaseData,
  caseData?: CaseData,
): SubmissionProblem[] {
  return validateTaskSubmission(model, stepId, stepId, outcome, data, caseData);
}

/**
 * As {@link validateStepSubmission}, for one task of the step: a contribution task of a joint
 * step offers only the `contributed` outcome and its contributor's form.
 */
export function validateTaskSubmission(
  model: ReferenceModel,
  stepId: string,
  taskKey: string,
  outcome: string,
  data: CaseData,
  caseData?: CaseData,
): SubmissionProblem[] {
  const step = model.steps.find((s) => s.id === stepId);
  if (!step) return [{ code: 'unknown-step', message: `step '${stepId}' does not exist` }];
  const work = taskWork(step, taskKey);
  const problems: SubmissionProblem[] = [];
  if (!work.outcomes.some((o) => o.id === outcome)) {
    const offered = work.outcomes.map((o) => o.id).join(', ');
    problems.push({
      code: 'unknown-outcome',
      message: `step '${stepId}' offers outcomes ${offered}, not '${outcome}'`,
    });
  }
  problems.push(...checkForm(model, work.form, data));
  if (caseData) {
    const merged = { ...caseData, ...data };
    for (const field of work.handsOver) {
      if (isEmpty(merged[field])) {
        problems.push({
          code: 'handover-incomplete',
          field,
          message: `'${field}' must be handed over but has no value`,
        });
      }
    }
  }
  return problems;
}

/** Problems with the data and category a case is started with. */
export function validateIntake(
  model: ReferenceModel,
  category: string,
  data: CaseData,
): SubmissionProblem[] {
  const known = model.intake.categories.some((c) => c.id === category);
  return [
    ...(known
      ? []
      : [
          {
            code: 'unknown-category' as const,
            message: `intake category '${category}' does not exist`,
          },
        ]),
    ...checkForm(model, model.intake.form, data),
  ];
}
