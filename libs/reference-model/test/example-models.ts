import { readFileSync } from 'fs';
import { join } from 'path';
import { loadModel, ReferenceModel } from '../src';

export const EXAMPLE_FILES = [
  'vroegsignalering-schuldhulp.yaml',
  'wmo-maatwerk.yaml',
  'huiselijk-geweld-jeugdbescherming.yaml',
] as const;

export function exampleText(file: string): string {
  return readFileSync(join(__dirname, '../../../models', file), 'utf8');
}

/** Loads an example from models/, failing loudly if it does not validate. */
export function exampleModel(file: (typeof EXAMPLE_FILES)[number]): ReferenceModel {
  const result = loadModel(exampleText(file));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems, null, 2)}`);
  return result.model;
}
