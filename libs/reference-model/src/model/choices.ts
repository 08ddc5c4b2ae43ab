import { Choice, EnumValue, FieldDefinition } from './reference-model.types';

/** The stored id of an enum value, whether written plain or as `{ id, label }`. */
export const choiceId = (value: EnumValue): string =>
  typeof value === 'string' ? value : value.id;

/** An enum value as `{ id, label }`; a plain value is its own label. */
export const toChoice = (value: EnumValue): Choice =>
  typeof value === 'string' ? { id: value, label: value } : value;

/** The allowed values of an enum field with their labels (empty for other types). */
export const enumChoices = (field: FieldDefinition): Choice[] => (field.values ?? []).map(toChoice);
