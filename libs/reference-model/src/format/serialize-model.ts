import { stringify } from 'yaml';
import { ReferenceModel } from '../model/reference-model.types';

/** YAML as model owners write it; no line folding, so long instructions survive byte for byte. */
export function toYaml(model: ReferenceModel): string {
  return stringify(model, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function toJson(model: ReferenceModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}
