import type { CaseData, Choice, EnumValue, StepFormField } from '../../api/types';

/** A plain enum value is its own label. */
const toChoice = (value: EnumValue): Choice =>
  typeof value === 'string' ? { id: value, label: value } : value;
import type { MessageKey } from '../../i18n/nl';

/** The completion form generated from a step definition: what to render, check and send. */

export type InputKind = 'text' | 'number' | 'date' | 'yesNo' | 'select';

/** Form values as the inputs hold them; booleans as '' | 'true' | 'false'. */
export type FormValues = Record<string, string>;

/** Problems by form field id; OUTCOME_FIELD for the outcome. */
export type FormErrors = Record<string, MessageKey>;

export const OUTCOME_FIELD = 'outcome';

const KIND_BY_TYPE: Record<StepFormField['type'], InputKind> = {
  string: 'text',
  number: 'number',
  date: 'date',
  boolean: 'yesNo',
  enum: 'select',
};

export function inputKind(field: StepFormField): InputKind {
  return KIND_BY_TYPE[field.type];
}

/** Pre-fills what the case already holds (a returned handover keeps its earlier answers). */
export function initialValues(form: StepFormField[], data: CaseData): FormValues {
  return Object.fromEntries(
    form.map(({ field }) => {
      const value = data[field];
      return [field, value === null || value === undefined ? '' : String(value)];
    }),
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function fieldError(field: StepFormField, raw: string): MessageKey | undefined {
  const value = raw.trim();
  if (!value) return field.required ? 'form.error.required' : undefined;
  switch (field.type) {
    case 'number':
      return Number.isFinite(Number(value)) ? undefined : 'form.error.number';
    case 'date':
      return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'form.error.date';
    case 'enum':
      return field.values?.some((choice) => choice.id === value) ? undefined : 'form.error.enum';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'form.error.required';
    default:
      return undefined;
  }
}

/** The fields' own problems (required, number, date, one of the values). */
export function validateFields(form: StepFormField[], values: FormValues): FormErrors {
  const errors: FormErrors = {};
  for (const field of form) {
    const error = fieldError(field, values[field.field] ?? '');
    if (error) errors[field.field] = error;
  }
  return errors;
}

export function validateForm(
  form: StepFormField[],
  outcomes: { id: string }[],
  outcome: string,
  values: FormValues,
): FormErrors {
  const errors: FormErrors = {};
  if (!outcomes.some((candidate) => candidate.id === outcome))
    errors[OUTCOME_FIELD] = 'form.error.outcome';
  return { ...errors, ...validateFields(form, values) };
}

/** A form of the model (intake form) as generated fields: labels and types from `model.fields`. */
export function formFromModel(
  form: { field: string; required: boolean }[],
  fields: { id: string; label: string; type: StepFormField['type']; values?: EnumValue[] }[],
): StepFormField[] {
  return form.flatMap(({ field, required }) => {
    const definition = fields.find((candidate) => candidate.id === field);
    if (!definition) return [];
    return [
      {
        field,
        label: definition.label,
        type: definition.type,
        required,
        ...(definition.values ? { values: definition.values.map(toChoice) } : {}),
      },
    ];
  });
}

/** A refused field in words: missing, or not of the field's kind. */
export function problemKey(field: StepFormField | undefined, code?: string): MessageKey {
  if (code === 'required-missing' || code === 'required' || !field) return 'form.error.required';
  return TYPE_PROBLEM[field.type];
}

const TYPE_PROBLEM: Record<StepFormField['type'], MessageKey> = {
  string: 'form.error.required',
  number: 'form.error.number',
  date: 'form.error.date',
  enum: 'form.error.enum',
  boolean: 'form.error.required',
};

/** The case data to submit: typed values, and empty optional fields left out. */
export function toCaseData(form: StepFormField[], values: FormValues): CaseData {
  const data: CaseData = {};
  for (const field of form) {
    const value = (values[field.field] ?? '').trim();
    if (!value) continue;
    if (field.type === 'number') data[field.field] = Number(value);
    else if (field.type === 'boolean') data[field.field] = value === 'true';
    else data[field.field] = value;
  }
  return data;
}
