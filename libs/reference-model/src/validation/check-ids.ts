import { choiceId } from '../model/choices';
import { ReferenceModel } from '../model/reference-model.types';
import { ModelProblem, pointer, problem } from './model-problem';

interface Identified {
  id: string;
  path: string;
}

function duplicates(items: Identified[], what: string): ModelProblem[] {
  const first = new Map<string, string>();
  const problems: ModelProblem[] = [];
  for (const { id, path } of items) {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, path);
    else
      problems.push(
        problem('duplicate-id', path, `${what} id '${id}' is already used at ${earlier}`),
      );
  }
  return problems;
}

const ids = <T>(list: T[] | undefined, base: (string | number)[], key: (item: T) => string) =>
  (list ?? []).map((item, i) => ({ id: key(item), path: pointer(...base, i) }));

/** Ids must be unique per kind; steps, gateways and ends share one namespace because routes name them. */
export function checkIds(model: ReferenceModel): ModelProblem[] {
  const byId = (item: { id: string }) => item.id;
  return [
    ...duplicates(ids(model.partners, ['partners'], byId), 'partner'),
    ...duplicates(ids(model.fields, ['fields'], byId), 'field'),
    ...model.fields.flatMap((field, f) =>
      duplicates(
        ids(field.values, ['fields', f, 'values'], choiceId),
        `value of field '${field.id}':`,
      ),
    ),
    ...duplicates(ids(model.intake.categories, ['intake', 'categories'], byId), 'category'),
    ...duplicates(
      ids(model.intake.form, ['intake', 'form'], (f) => f.field),
      'intake form field',
    ),
    ...duplicates(
      [
        ...ids(model.steps, ['steps'], byId),
        ...ids(model.gateways, ['gateways'], byId),
        ...ids(model.ends, ['ends'], byId),
      ],
      'step, gateway or end',
    ),
    ...duplicates(
      model.routes.flatMap((r, i) =>
        r.id ? [{ id: r.id, path: pointer('routes', i, 'id') }] : [],
      ),
      'route',
    ),
    ...model.steps.flatMap((step, s) => [
      ...duplicates(
        ids(step.outcomes, ['steps', s, 'outcomes'], byId),
        `outcome of step '${step.id}':`,
      ),
      ...duplicates(
        ids(step.returnReasons, ['steps', s, 'returnReasons'], byId),
        `return reason of step '${step.id}':`,
      ),
      ...duplicates(
        ids(step.form, ['steps', s, 'form'], (f) => f.field),
        `form field of step '${step.id}':`,
      ),
      // The lead counts as taken: a partner is lead or contributor, once.
      ...duplicates(
        [
          { id: step.partner, path: pointer('steps', s, 'partner') },
          ...ids(step.contributors, ['steps', s, 'contributors'], (c) => c.partner),
        ],
        `partner in step '${step.id}':`,
      ),
    ]),
  ];
}
