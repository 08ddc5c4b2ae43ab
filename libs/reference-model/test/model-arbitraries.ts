import fc from 'fast-check';
import { Duration, NormAnchor, ReferenceModel, Route, Step } from '../src';
import { minimalModel, step } from './model-builder';

interface Shape {
  steps: {
    partner: number;
    outcomes: number;
    targets: number[];
    rework: { outcome: number; back: number; max: number } | null;
  }[];
  parallelAt: number | null;
  /** Which branches of the parallel block only open when their flag (`data.fx`, `data.fy`) is true. */
  inclusive: { x: boolean; y: boolean };
  /** A step's norm (and maybe the case norm) counted from or back to a date the intake collects. */
  anchored: {
    step: number;
    direction: NormAnchor['direction'];
    target: Duration;
    extra: Duration;
    caseNorm: boolean;
  } | null;
}

const duration: fc.Arbitrary<Duration> = fc.record({
  amount: fc.integer({ min: 0, max: 30 }),
  unit: fc.constantFrom('workingDays', 'calendarDays', 'weeks', 'hours'),
});

const shape = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    steps: fc.array(
      fc.record({
        partner: fc.integer({ min: 0, max: 2 }),
        outcomes: fc.integer({ min: 1, max: 3 }),
        targets: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        rework: fc.option(
          fc.record({ outcome: fc.nat(), back: fc.nat(), max: fc.integer({ min: 1, max: 3 }) }),
        ),
      }),
      { minLength: n, maxLength: n },
    ),
    parallelAt: fc.option(fc.nat()),
    inclusive: fc.record({ x: fc.boolean(), y: fc.boolean() }),
    anchored: fc.option(
      fc.record({
        step: fc.nat(),
        direction: fc.constantFrom<NormAnchor['direction']>('before', 'after'),
        target: duration,
        extra: duration,
        caseNorm: fc.boolean(),
      }),
    ),
  }),
);

/**
 * Valid models by construction: steps in a line where each outcome routes forward (the first to
 * the next step) or to one of two ends, some bounded loops back, optionally a parallel block.
 */
function build({ steps: specs, parallelAt, inclusive, anchored }: Shape): ReferenceModel {
  const base = minimalModel();
  base.partners.push({ id: 'p3', name: 'Partner three', roles: ['worker'] });
  base.ends.push({ id: 'stopped', name: 'Stopped', result: 'droppedOut', exitReason: 'gave-up' });
  const ids = specs.map((_, i) => `s${i}`);
  const steps: Step[] = specs.map((spec, i) =>
    step(ids[i], {
      partner: `p${spec.partner + 1}`,
      outcomes: Array.from({ length: spec.outcomes }, (_, o) => ({
        id: `o${o}`,
        label: `Outcome ${o}`,
      })),
    }),
  );
  const routes: Route[] = [];
  const forward = (i: number, pick: number) => {
    const choices = [...ids.slice(i + 1), 'done', 'stopped'];
    return choices[pick % choices.length];
  };
  specs.forEach((spec, i) => {
    for (let o = 0; o < spec.outcomes; o++) {
      if (spec.rework && spec.rework.outcome % spec.outcomes === o) {
        routes.push({
          from: ids[i],
          on: `o${o}`,
          to: ids[spec.rework.back % (i + 1)],
          rework: { maxIterations: spec.rework.max },
        });
      }
      routes.push({
        from: ids[i],
        on: `o${o}`,
        to: o === 0 ? (ids[i + 1] ?? 'done') : forward(i, spec.targets[o]),
      });
    }
  });
  // An end nothing leads to is unreachable, so keep the drop-out end only when used.
  const ends = routes.some((r) => r.to === 'stopped') ? base.ends : base.ends.slice(0, 1);
  const model: ReferenceModel = {
    ...base,
    steps,
    ends,
    routes: [{ from: 'start', to: ids[0] }, ...routes],
  };
  if (parallelAt !== null) addParallelBlock(model, parallelAt % specs.length, inclusive);
  if (anchored) anchorNorms(model, anchored);
  return model;
}

/**
 * A `key-date` the intake collects; one step's norm counts from or back to it, with its
 * escalation `extra` further from the target (later after the date, closer to it before it),
 * and maybe the case norm counts on from it.
 */
function anchorNorms(model: ReferenceModel, anchored: NonNullable<Shape['anchored']>): void {
  model.fields.push({ id: 'key-date', label: 'Sleuteldatum', type: 'date' });
  model.intake = {
    ...model.intake,
    form: [...model.intake.form, { field: 'key-date', required: false }],
  };
  const step = model.steps[anchored.step % model.steps.length];
  step.sees = [...step.sees, 'key-date'];
  const { target, extra, direction } = anchored;
  // Same unit, so the validator's rough comparison of units cannot disagree with the order.
  const further = { amount: target.amount + extra.amount, unit: target.unit };
  const anchor = { field: 'key-date', direction };
  step.norm =
    direction === 'after'
      ? { target, escalation: further, anchor }
      : { target: further, escalation: target, anchor };
  if (anchored.caseNorm) {
    model.caseNorm = { target: further, anchor: { field: 'key-date', direction: 'after' } };
  }
}

/**
 * Puts `split -> (x, y) -> join` between step `at` and what its first outcome led to; a branch
 * marked inclusive opens only when its intake flag is true.
 */
function addParallelBlock(model: ReferenceModel, at: number, inclusive: Shape['inclusive']): void {
  const first = model.routes.find(
    (r) => r.from === `s${at}` && r.on === 'o0' && !r.rework,
  ) as Route;
  const next = first.to;
  first.to = 'split';
  model.steps.push(step('x', { partner: 'p2' }), step('y', { partner: 'p3' }));
  model.gateways = [
    { id: 'split', type: 'parallelSplit', join: 'join' },
    { id: 'join', type: 'parallelJoin' },
  ];
  for (const branch of ['x', 'y'] as const) {
    if (!inclusive[branch]) continue;
    model.fields.push({ id: `f${branch}`, label: `Flag ${branch}`, type: 'boolean' });
    model.intake = {
      ...model.intake,
      form: [...model.intake.form, { field: `f${branch}`, required: false }],
    };
  }
  const when = (branch: 'x' | 'y') =>
    inclusive[branch] ? { when: `data.f${branch} == true` } : {};
  model.routes.push(
    { from: 'split', to: 'x', ...when('x') },
    { from: 'split', to: 'y', ...when('y') },
    { from: 'x', to: 'join' },
    { from: 'y', to: 'join' },
    { from: 'join', to: next },
  );
}

export const validModel: fc.Arbitrary<ReferenceModel> = shape.map(build);
