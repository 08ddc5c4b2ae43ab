import { stepVisibleFields } from '../engine/visible-fields';
import { indexModel, ModelIndex } from '../model/model-index';
import { ReferenceModel, Step } from '../model/reference-model.types';
import { pointer } from '../validation/model-problem';
import { headsFor, splitOf } from './flow-branches';
import { MigrationMapping, MigrationProblem, StepMapping } from './migration-plan.types';

/** Partners that may hold work of a step: the responsible one, its alternatives and contributors. */
export function holdersOf(step: Step): string[] {
  return [
    step.partner,
    ...(step.alternativePartners ?? []),
    ...(step.contributors ?? []).map((contributor) => contributor.partner),
  ];
}

/**
 * Everything wrong with a plan from version `from` to `to`, independent of any case: every old step
 * and gateway mapped to something the new version has, several targets only as the branches of one
 * split, a join keeping every branch that heads for it, and no case data newly visible to a partner
 * unless the plan accepts it. An empty list: the plan may run (cases may still refuse one by one).
 */
export function validateMapping(
  from: ReferenceModel,
  to: ReferenceModel,
  mapping: MigrationMapping,
): MigrationProblem[] {
  const fromIndex = indexModel(from);
  const toIndex = indexModel(to);
  return [
    ...checkStepMappings(fromIndex, toIndex, mapping),
    ...checkGatewayMappings(fromIndex, toIndex, mapping),
    ...checkJoins(from, fromIndex, to, toIndex, mapping),
    ...checkExposures(from, to, mapping),
  ];
}

function checkStepMappings(
  fromIndex: ModelIndex,
  toIndex: ModelIndex,
  mapping: MigrationMapping,
): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const seen = new Set<string>();
  mapping.steps.forEach((entry, i) => {
    const at = (...rest: (string | number)[]) => pointer('steps', i, ...rest);
    if (!fromIndex.steps.has(entry.from)) {
      problems.push({
        code: 'unknown-step',
        path: at('from'),
        message: `the old version has no step '${entry.from}'`,
      });
    }
    if (seen.has(entry.from)) {
      problems.push({
        code: 'duplicate-mapping',
        path: at('from'),
        message: `step '${entry.from}' is mapped more than once`,
      });
    }
    seen.add(entry.from);
    entry.to.forEach((target, t) => {
      if (!toIndex.steps.has(target)) {
        problems.push({
          code: 'unknown-step',
          path: at('to', t),
          message: `the new version has no step '${target}'`,
        });
      }
    });
    if (entry.to.length > 1) problems.push(...checkSplitTargets(toIndex, entry, at('to')));
    if (entry.partner !== undefined) problems.push(...checkPartner(toIndex, entry, at('partner')));
  });
  for (const id of fromIndex.steps.keys()) {
    if (!seen.has(id)) {
      problems.push({
        code: 'unmapped-step',
        path: pointer('steps'),
        message: `step '${id}' has no counterpart in the new version: map it to a step, or to none to cancel its open tasks`,
      });
    }
  }
  return problems;
}

/** Several targets: distinct first steps of the branches of one parallel split with a join. */
function checkSplitTargets(
  toIndex: ModelIndex,
  entry: StepMapping,
  path: string,
): MigrationProblem[] {
  const firstSteps = (splitId: string) =>
    (toIndex.outgoing.get(splitId) ?? []).map((route) => route.to);
  const split = [...toIndex.gateways.values()].find(
    (gateway) =>
      gateway.type === 'parallelSplit' &&
      gateway.join !== undefined &&
      entry.to.every((target) => firstSteps(gateway.id).includes(target)),
  );
  if (split && new Set(entry.to).size === entry.to.length) return [];
  return [
    {
      code: 'invalid-split-mapping',
      path,
      message: `step '${entry.from}' maps to ${entry.to.join(', ')}: several targets must be the first steps of different branches of one parallel split`,
    },
  ];
}

function checkPartner(toIndex: ModelIndex, entry: StepMapping, path: string): MigrationProblem[] {
  const partner = entry.partner as string;
  if (!toIndex.partners.has(partner)) {
    return [
      { code: 'unknown-partner', path, message: `the new version has no partner '${partner}'` },
    ];
  }
  const step = toIndex.steps.get(entry.to[0]);
  const allowed = step ? [step.partner, ...(step.alternativePartners ?? [])] : [];
  if (step && !allowed.includes(partner)) {
    return [
      {
        code: 'partner-not-allowed',
        path,
        message: `step '${step.id}' may be held by ${allowed.join(', ')}, not '${partner}'`,
      },
    ];
  }
  return [];
}

function checkGatewayMappings(
  fromIndex: ModelIndex,
  toIndex: ModelIndex,
  mapping: MigrationMapping,
): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  mapping.gateways.forEach((entry, i) => {
    const old = fromIndex.gateways.get(entry.from);
    if (!old) {
      problems.push({
        code: 'unknown-gateway',
        path: pointer('gateways', i, 'from'),
        message: `the old version has no gateway '${entry.from}'`,
      });
      return;
    }
    if (entry.to === null) return;
    const counterpart = toIndex.gateways.get(entry.to);
    if (!counterpart) {
      problems.push({
        code: 'unknown-gateway',
        path: pointer('gateways', i, 'to'),
        message: `the new version has no gateway '${entry.to}'`,
      });
    } else if (counterpart.type !== old.type) {
      problems.push({
        code: 'gateway-type-changed',
        path: pointer('gateways', i, 'to'),
        message: `'${entry.from}' is a ${old.type}, '${entry.to}' a ${counterpart.type}`,
      });
    }
  });
  for (const id of fromIndex.gateways.keys()) {
    if (!mapping.gateways.some((entry) => entry.from === id)) {
      problems.push({
        code: 'unmapped-gateway',
        path: pointer('gateways'),
        message: `gateway '${id}' is not mapped: name its counterpart, or null when there is none`,
      });
    }
  }
  return problems;
}

/** A step on a branch heading for a join must land on a step that heads for the join's counterpart. */
function checkJoins(
  from: ReferenceModel,
  fromIndex: ModelIndex,
  to: ReferenceModel,
  toIndex: ModelIndex,
  mapping: MigrationMapping,
): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  for (const join of fromIndex.gateways.values()) {
    if (join.type !== 'parallelJoin' || !splitOf(from, join.id)) continue;
    const counterpart = mapping.gateways.find((entry) => entry.from === join.id)?.to;
    if (!counterpart || toIndex.gateways.get(counterpart)?.type !== 'parallelJoin') continue;
    mapping.steps.forEach((entry, i) => {
      if (!fromIndex.steps.has(entry.from) || !headsFor(from, fromIndex, entry.from, join.id))
        return;
      entry.to.forEach((target, t) => {
        if (!toIndex.steps.has(target) || headsFor(to, toIndex, target, counterpart)) return;
        problems.push({
          code: 'join-branch-lost',
          path: pointer('steps', i, 'to', t),
          message: `'${entry.from}' is on a branch that join '${join.id}' waits for, but '${target}' never reaches '${counterpart}'`,
        });
      });
    });
  }
  return problems;
}

/**
 * Need-to-know across versions: case data collected under the old version that a partner could not
 * see there and may see in a step of the new one is an exposure the plan must accept explicitly.
 */
function checkExposures(
  from: ReferenceModel,
  to: ReferenceModel,
  mapping: MigrationMapping,
): MigrationProblem[] {
  const oldFields = new Set(from.fields.map((field) => field.id));
  const sawBefore = (partner: string) =>
    new Set(
      from.steps
        .filter((step) => holdersOf(step).includes(partner))
        .flatMap((step) => [...stepVisibleFields(step)]),
    );
  const problems: MigrationProblem[] = [];
  for (const step of to.steps) {
    for (const partner of new Set(holdersOf(step))) {
      const before = sawBefore(partner);
      const accepted = new Set(
        mapping.exposures
          .filter((exposure) => exposure.step === step.id && exposure.partner === partner)
          .flatMap((exposure) => exposure.fields),
      );
      const exposed = [...stepVisibleFields(step)].filter(
        (field) => oldFields.has(field) && !before.has(field) && !accepted.has(field),
      );
      if (exposed.length > 0) {
        problems.push({
          code: 'data-exposure',
          path: pointer('exposures'),
          message: `in step '${step.id}', ${partner} would see ${exposed.join(', ')}, which it could not see under the old version; accept it in the plan's exposures only if the partners agreed`,
        });
      }
    }
  }
  return problems;
}
