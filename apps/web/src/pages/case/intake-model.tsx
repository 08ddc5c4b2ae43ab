import { ApiError } from '../../api/api-error';
import type { StepFormField } from '../../api/types';
import type { MessageKey } from '../../i18n/nl';
import { problemKey, validateFields, type FormValues } from '../task/form-model';

/** The intake's own fields, besides the model's intake form. */
export interface IntakeBasics {
  category: string;
  intensity: string;
  clientQuestion: string;
  clientReference: string;
}

const PSEUDONYM = /^[A-Za-z0-9][A-Za-z0-9-]{3,99}$/;
const MIN_QUESTION = 3;

/** A 9-digit number passing the eleven-test is a BSN: never the client reference. */
export function looksLikeBsn(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 9 || digits.length !== value.replace(/[\s.-]/g, '').length) return false;
  const sum = [...digits].reduce(
    (total, digit, index) => total + Number(digit) * (index === 8 ? -1 : 9 - index),
    0,
  );
  return sum % 11 === 0 && sum !== 0;
}

function referenceProblem(reference: string): MessageKey | undefined {
  const value = reference.trim();
  if (!value) return 'form.error.required';
  if (looksLikeBsn(value)) return 'intake.error.bsn';
  return PSEUDONYM.test(value) ? undefined : 'intake.error.reference';
}

/** Everything wrong with the intake before it is sent, by field. */
export function validateIntake(
  basics: IntakeBasics,
  form: StepFormField[],
  values: FormValues,
): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!basics.category) errors.category = 'intake.error.category';
  if (basics.clientQuestion.trim().length < MIN_QUESTION)
    errors.clientQuestion = 'intake.error.question';
  const reference = referenceProblem(basics.clientReference);
  if (reference) errors.clientReference = reference;
  return { ...errors, ...validateFields(form, values) };
}

const BASIC_PROBLEMS: Record<string, MessageKey> = {
  chainId: 'intake.error.chain',
  category: 'intake.error.category',
  intensity: 'form.error.enum',
  clientQuestion: 'intake.error.question',
  clientReference: 'intake.error.reference',
};

/** The API's objections to an intake, by field, in words the caseworker understands. */
export function serverIntakeProblems(
  error: unknown,
  form: StepFormField[],
): Record<string, MessageKey> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, MessageKey> = {};
  for (const problem of error.fieldProblems) {
    if (problem.code === 'bsn-not-allowed') found[problem.field] = 'intake.error.bsn';
    else if (BASIC_PROBLEMS[problem.field]) found[problem.field] = BASIC_PROBLEMS[problem.field];
    else {
      const field = form.find((candidate) => candidate.field === problem.field);
      if (field) found[field.field] = problemKey(field, problem.code);
    }
  }
  return found;
}
