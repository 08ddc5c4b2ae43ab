import {
  Duration,
  Intensity,
  Norm,
  NormTerms,
  ReferenceModel,
} from '../model/reference-model.types';

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

/** A duration as the calendar library counts it: weeks become calendar days (7 each). */
export function clockTerm(
  duration: Duration,
  atw: boolean,
): { amount: number; unit: 'workingDays' | 'calendarDays' | 'hours'; atw: boolean } {
  return duration.unit === 'weeks'
    ? { amount: duration.amount * 7, unit: 'calendarDays', atw }
    : { amount: duration.amount, unit: duration.unit, atw };
}
