import { indexModel } from '../model/model-index';
import { ReferenceModel } from '../model/reference-model.types';
import { checkDataFlow } from './check-data-flow';
import { checkDateAnchors } from './check-date-anchors';
import { checkFlow } from './check-flow';
import { checkGateways } from './check-gateways';
import { checkIds } from './check-ids';
import { checkNorms } from './check-norms';
import { checkReferences } from './check-references';
import { checkSchema } from './check-schema';
import { ModelProblem } from './model-problem';

/**
 * All problems of a model at once, each with a JSON pointer, a code and a message. Structure is
 * checked first; the semantic checks assume a well-formed model, so they run only when it is.
 */
export function validateModel(input: unknown): ModelProblem[] {
  const structural = checkSchema(input);
  if (structural.length > 0) return structural;
  const model = input as ReferenceModel;
  const index = indexModel(model);
  return [
    ...checkIds(model),
    ...checkReferences(model, index),
    ...checkGateways(model, index),
    ...checkFlow(model, index),
    ...checkNorms(model),
    ...checkDataFlow(model, index),
    ...checkDateAnchors(model, index),
  ];
}

/** Type guard for callers that only need a yes/no. */
export function isValidModel(input: unknown): input is ReferenceModel {
  return validateModel(input).length === 0;
}
