import { applyIntensity } from '../engine/effective-norms';
import { Duration, INTENSITIES, Norm, ReferenceModel } from '../model/reference-model.types';
import { ModelProblem, pointer, problem } from './model-problem';

/**
 * Rough length in hours, only to compare terms in different units. A working day counts as 7/5
 * calendar days (a week has five), so 5 working days equal 7 calendar days.
 */
const HOURS: Record<Duration['unit'], number> = {
  hours: 1,
  calendarDays: 24,
  weeks: 24 * 7,
  workingDays: (24 * 7) / 5,
};
const hours = (d: Duration) => d.amount * HOURS[d.unit];
const show = (d: Duration) => `${d.amount} ${d.unit}`;

function checkNorm(
  norm: Norm | undefined,
  base: (string | number)[],
  owner: string,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const intensity of [undefined, ...INTENSITIES]) {
    if (intensity && !norm?.byIntensity?.[intensity]) continue;
    const terms = intensity ? applyIntensity(norm, intensity) : norm;
    // Counted back from a date, the escalation lies closer to it than the target: a smaller term.
    const before = terms?.anchor?.direction === 'before';
    const early = (escalation: Duration, target: Duration) =>
      before ? hours(escalation) > hours(target) : hours(escalation) < hours(target);
    if (terms?.target && terms.escalation && early(terms.escalation, terms.target)) {
      const where = intensity ? ['byIntensity', intensity] : [];
      const at =
        intensity && norm?.byIntensity?.[intensity]?.escalation === undefined
          ? 'target'
          : 'escalation';
      problems.push(
        problem(
          'escalation-before-target',
          pointer(...base, ...where, at),
          before
            ? `${owner}${intensity ? ` at intensity '${intensity}'` : ''} escalates ${show(terms.escalation)} before '${terms.anchor?.field}', before its target of ${show(terms.target)} before it`
            : `${owner}${intensity ? ` at intensity '${intensity}'` : ''} escalates after ${show(terms.escalation)}, before its target of ${show(terms.target)}`,
        ),
      );
    }
  }
  return problems;
}

/**
 * The case norm runs from the intake (or from a date in the case): it has no claim term and no
 * other start event, since no task is claimed or opened for the case as a whole.
 */
function checkCaseNormStart(norm: Norm | undefined): ModelProblem[] {
  const terms = [
    { terms: norm, at: ['caseNorm'] },
    ...Object.entries(norm?.byIntensity ?? {}).map(([intensity, terms]) => ({
      terms,
      at: ['caseNorm', 'byIntensity', intensity],
    })),
  ];
  return terms.flatMap(({ terms: t, at }) => [
    ...(t?.startsAt !== undefined && t.startsAt !== 'caseOpened'
      ? [
          problem(
            'invalid-value',
            pointer(...at, 'startsAt'),
            `the case norm starts at the intake ('caseOpened') or from a date ('anchor'), not at '${t.startsAt}'`,
          ),
        ]
      : []),
    ...(t?.claim
      ? [
          problem(
            'invalid-value',
            pointer(...at, 'claim'),
            'the case as a whole is not claimed: a claim term belongs on a step',
          ),
        ]
      : []),
  ]);
}

/** Escalation thresholds lie at or after targets; the ladder climbs one level at a time. */
export function checkNorms(model: ReferenceModel): ModelProblem[] {
  const ladder = model.escalation.ladder;
  return [
    ...model.steps.flatMap((step, s) =>
      checkNorm(step.norm, ['steps', s, 'norm'], `step '${step.id}'`),
    ),
    ...checkNorm(model.caseNorm, ['caseNorm'], 'the case norm'),
    ...checkCaseNormStart(model.caseNorm),
    ...ladder.flatMap((rung, i) =>
      i > 0 && rung.level <= ladder[i - 1].level
        ? [
            problem(
              'escalation-ladder-order',
              pointer('escalation', 'ladder', i, 'level'),
              `level ${rung.level} follows level ${ladder[i - 1].level}; list levels in rising order, each once`,
            ),
          ]
        : [],
    ),
  ];
}
