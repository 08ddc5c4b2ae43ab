import { Norm, ReferenceModel, Route } from '../model/reference-model.types';

/** One changed property with its value before and after (undefined: absent on that side). */
export interface PropertyChange {
  property: string;
  before?: unknown;
  after?: unknown;
}

export interface ChangedItem {
  key: string;
  /** Top-level properties whose value differs. */
  properties: string[];
  /** The same properties with their old and new values. */
  changes: PropertyChange[];
}

export interface CollectionDiff {
  added: string[];
  removed: string[];
  changed: ChangedItem[];
}

export interface ModelDiff {
  partners: CollectionDiff;
  fields: CollectionDiff;
  steps: CollectionDiff;
  gateways: CollectionDiff;
  routes: CollectionDiff;
  ends: CollectionDiff;
  /** Keyed by step id, or `case` for the case norm. */
  norms: CollectionDiff;
  /** True when nothing differs at all, including chain, intake and escalation. */
  identical: boolean;
}

/** JSON with sorted keys, so property order in the source does not count as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A route is known by its id, else by what it connects and when; repeats get `#2`, `#3`. */
export function routeKey(route: Route): string {
  if (route.id) return route.id;
  const on = route.on ? ` on ${route.on}` : '';
  const when = route.when ? ` when ${route.when}` : '';
  return `${route.from} -> ${route.to}${on}${when}`;
}

function keyed<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const base = key(item);
    let unique = base;
    for (let n = 2; map.has(unique); n++) unique = `${base} #${n}`;
    map.set(unique, item);
  }
  return map;
}

function diffMaps<T extends object>(before: Map<string, T>, after: Map<string, T>): CollectionDiff {
  const changed: ChangedItem[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) continue;
    const names = new Set([...Object.keys(old), ...Object.keys(now)]);
    const was = old as Record<string, unknown>;
    const is = now as Record<string, unknown>;
    const properties = [...names].filter((name) => canonical(was[name]) !== canonical(is[name]));
    if (properties.length > 0) {
      const changes = properties.map((property) => ({
        property,
        before: was[property],
        after: is[property],
      }));
      changed.push({ key, properties, changes });
    }
  }
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed,
  };
}

const byId = <T extends { id: string }>(items: readonly T[] | undefined) =>
  keyed(items ?? [], (i) => i.id);

function norms(model: ReferenceModel): Map<string, Norm> {
  const map = new Map<string, Norm>();
  if (model.caseNorm) map.set('case', model.caseNorm);
  for (const step of model.steps) if (step.norm) map.set(step.id, step.norm);
  return map;
}

/** What changed from version `a` to version `b`: per collection, added, removed and changed keys. */
export function diffModels(a: ReferenceModel, b: ReferenceModel): ModelDiff {
  // A step's norm is reported under norms, not as a change of the step itself.
  const withoutNorm = (m: ReferenceModel) =>
    keyed(
      m.steps.map(({ norm: _norm, ...rest }) => rest),
      (s) => s.id,
    );
  return {
    partners: diffMaps(byId(a.partners), byId(b.partners)),
    fields: diffMaps(byId(a.fields), byId(b.fields)),
    steps: diffMaps(withoutNorm(a), withoutNorm(b)),
    gateways: diffMaps(byId(a.gateways), byId(b.gateways)),
    routes: diffMaps(keyed(a.routes, routeKey), keyed(b.routes, routeKey)),
    ends: diffMaps(byId(a.ends), byId(b.ends)),
    norms: diffMaps(norms(a), norms(b)),
    identical: canonical(a) === canonical(b),
  };
}
