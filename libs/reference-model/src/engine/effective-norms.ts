import { Intensity, Norm, NormTerms, ReferenceModel } from '../model/reference-model.types';

/** The terms that apply at an intensity: the norm with that intensity's override laid over it. */
export function applyIntensity(
  norm: Norm | undefined,
  intensity: Intensity,
): NormTerms | undefined {
  if (!norm) return undefined;
  const { byIntensity, ...base } = norm;
  return { ...base, ...byIntensity?.[intensity] };
}

/** Norm of a step (or of the case, with `stepId` undefined) for a case running at `intensity`. */
export function effectiveNorms(
  model: ReferenceModel,
  stepId: string | undefined,
  intensity: Intensity,
): NormTerms | undefined {
  const norm =
    stepId === undefined ? model.caseNorm : model.steps.find((s) => s.id === stepId)?.norm;
  return applyIntensity(norm, intensity);
}
