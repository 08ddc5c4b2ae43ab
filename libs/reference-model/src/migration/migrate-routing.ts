import { contributionKey } from '../engine/joint-steps';
import { RoutingState, TaskRecord } from '../engine/routing-state';
import { indexModel, ModelIndex } from '../model/model-index';
import { ReferenceModel, Step } from '../model/reference-model.types';
import { headsFor, routeCounterparts } from './flow-branches';
import {
  MigrationMapping,
  MigrationProblem,
  MigrationProblemCode,
  StepMapping,
} from './migration-plan.types';

export interface TaskPlace {
  stepId: string;
  partnerId: string;
}

/**
 * What the migration does to one task: kept where it is, moved to another step or partner (same
 * key), cancelled, or opened anew.
 */
export interface TaskMove {
  taskKey: string;
  action: 'kept' | 'moved' | 'cancelled' | 'opened';
  /** Absent for a task opened by the migration. */
  before?: TaskPlace;
  /** Absent for a cancelled task. */
  after?: TaskPlace;
  because?: 'step-removed' | 'merged' | 'contributor-removed' | 'split' | 'new-contributor';
}

export interface RoutingMigration {
  /** The routing state on the new version; only meaningful when there are no problems. */
  state: RoutingState;
  /** Every task open before or after, in the order of the case's tasks. */
  tasks: TaskMove[];
  /** Why this case cannot migrate; empty when it can. */
  problems: MigrationProblem[];
}

export interface MigrationContext {
  /** Whether a caseworker holds the task (who holds a task is the workflow's, not the routing's). */
  isClaimed: (taskKey: string) => boolean;
}

/** A key `<stepId>:<n>` of a lead task: the step it was opened on and the count. */
const LEAD_KEY = /^(.+):(\d+)$/;

/**
 * Moves one case's routing state from version `from` to `to` along the plan: open tasks to their
 * new steps and partners (keys kept, so nothing is lost or opened twice), history renamed so returns,
 * reopens and clocks that start at another step's completion still find it, counters and joins
 * re-keyed to the new version's routes and gateways. Pure: the caller's state is not changed.
 */
export function migrateRouting(
  from: ReferenceModel,
  to: ReferenceModel,
  mapping: MigrationMapping,
  state: RoutingState,
  context: MigrationContext,
): RoutingMigration {
  return new RoutingMigrator(from, to, mapping, state, context).run();
}

class RoutingMigrator {
  private readonly fromIndex: ModelIndex;
  private readonly toIndex: ModelIndex;
  private readonly routes: Map<number, number>;
  private readonly next: RoutingState;
  private readonly moves: TaskMove[] = [];
  private readonly problems: MigrationProblem[] = [];
  /** Why each task the migration cancelled was cancelled. */
  private readonly cancelled = new Map<string, NonNullable<TaskMove['because']>>();
  /** Joins of splits the migration entered (a step split into branches): how many to wait for. */
  private readonly splitWaits: Record<string, number> = {};

  constructor(
    private readonly from: ReferenceModel,
    private readonly to: ReferenceModel,
    private readonly mapping: MigrationMapping,
    private readonly state: RoutingState,
    private readonly context: MigrationContext,
  ) {
    this.fromIndex = indexModel(from);
    this.toIndex = indexModel(to);
    this.routes = routeCounterparts(from, to, this.toIndex, mapping);
    this.next = JSON.parse(JSON.stringify(state)) as RoutingState;
  }

  run(): RoutingMigration {
    if (!this.to.intake.categories.some((category) => category.id === this.state.category)) {
      this.problem(
        'unknown-category',
        '/category',
        `the new version has no intake category '${this.state.category}'`,
      );
    }
    this.recount();
    for (const task of this.next.tasks) {
      if (task.status === 'open') continue;
      const entry = this.stepMapping(task.stepId);
      if (entry?.to.length) task.stepId = entry.to[0];
      this.remapReferences(task, false);
    }
    const taken = new Set<string>();
    for (const lead of this.next.tasks.filter((t) => t.status === 'open' && !t.contribution)) {
      this.moveLead(lead, taken);
    }
    this.rekeyJoins();
    this.checkReturns();
    if (!this.next.tasks.some((task) => task.status === 'open')) {
      this.problem('no-open-work', '/tasks', 'no task of the case would stay open');
    }
    return { state: this.next, tasks: this.moves, problems: this.problems };
  }

  private stepMapping(stepId: string): StepMapping | undefined {
    return this.mapping.steps.find((entry) => entry.from === stepId);
  }

  /** undefined: not mapped; null: mapped to nothing. */
  private gatewayCounterpart(id: string): string | null | undefined {
    return this.mapping.gateways.find((entry) => entry.from === id)?.to;
  }

  private problem(code: MigrationProblemCode, path: string, message: string): void {
    this.problems.push({ code, path, message });
  }

  /** Openings, returns and rework counts under the new version's step ids and route indices. */
  private recount(): void {
    const openings: Record<string, number> = {};
    const bump = (step: string, n: number) => (openings[step] = Math.max(openings[step] ?? 0, n));
    for (const [step, n] of Object.entries(this.state.openings)) {
      bump(this.stepMapping(step)?.to[0] ?? step, n);
    }
    // A key already taken under a step id (a step renamed onto another's old id) is never reused.
    for (const task of this.state.tasks) {
      const key = task.contribution ? undefined : LEAD_KEY.exec(task.taskKey);
      if (key) bump(key[1], Number(key[2]));
    }
    this.next.openings = openings;

    const returns: Record<string, number> = {};
    for (const [step, n] of Object.entries(this.state.returns)) {
      const target = this.stepMapping(step)?.to[0] ?? step;
      returns[target] = (returns[target] ?? 0) + n;
    }
    this.next.returns = returns;

    const rework: Record<string, number> = {};
    for (const [route, n] of Object.entries(this.state.rework)) {
      const counterpart = this.routes.get(Number(route));
      if (counterpart !== undefined) rework[counterpart] = Math.max(rework[counterpart] ?? 0, n);
    }
    this.next.rework = rework;
  }

  /** Branch, join and resume references to the new version's gateways and routes. */
  private remapReferences(task: TaskRecord, open: boolean): void {
    // A split without a counterpart is the joins' concern (rekeyJoins); a split kept whose branch
    // route is gone would leave the open task outside the branches its join counts.
    const lost = (split: string | null | undefined, what: string) =>
      open &&
      split &&
      this.problem(
        'branch-lost',
        `/tasks/${task.taskKey}`,
        `task '${task.taskKey}' is ${what}, which the new version does not have`,
      );
    if (task.branch) {
      const split = this.gatewayCounterpart(task.branch.split);
      const route = this.routes.get(task.branch.route);
      if (split && route !== undefined) task.branch = { split, route };
      else {
        lost(split, `on a branch of '${task.branch.split}'`);
        delete task.branch;
      }
    }
    if (task.join) {
      const join = this.gatewayCounterpart(task.join.id);
      if (join) task.join = { ...task.join, id: join };
      else delete task.join;
    }
    if (task.resume) {
      const split = this.gatewayCounterpart(task.resume.split);
      const routes = task.resume.routes.map((route) => this.routes.get(route));
      if (split && routes.every((route) => route !== undefined))
        task.resume = { split, routes: routes as number[] };
      else {
        lost(split, `re-opened for branches of '${task.resume.split}'`);
        delete task.resume;
      }
    }
  }

  private moveLead(lead: TaskRecord, taken: Set<string>): void {
    const before = { stepId: lead.stepId, partnerId: lead.partnerId };
    const entry = this.stepMapping(lead.stepId);
    const target = entry?.to[0];
    const step = target === undefined ? undefined : this.toIndex.steps.get(target);
    if (!entry || (target !== undefined && !step)) {
      this.problem(
        'unmapped-step',
        `/tasks/${lead.taskKey}`,
        `task '${lead.taskKey}' is at step '${lead.stepId}', which the plan does not map to a step of the new version`,
      );
      return;
    }
    if (!step) return this.cancelWithContributions(lead, 'step-removed');
    if (taken.has(step.id) && entry.to.length === 1)
      return this.cancelWithContributions(lead, 'merged');
    taken.add(step.id);
    const partnerId = this.partnerFor(lead, step, entry);
    if (
      partnerId !== lead.partnerId &&
      this.mapping.claimedWork === 'refuse' &&
      this.context.isClaimed(lead.taskKey)
    ) {
      this.problem(
        'claimed-work',
        `/tasks/${lead.taskKey}`,
        `task '${lead.taskKey}' is claimed at ${lead.partnerId}; the plan does not hand claimed work to ${partnerId}`,
      );
    }
    lead.stepId = step.id;
    lead.partnerId = partnerId;
    this.remapReferences(lead, true);
    this.record(lead, before);
    this.moveContributions(lead, step);
    if (entry.to.length > 1) this.openBranches(lead, entry.to);
  }

  /**
   * The plan's partner; else the new step's responsible partner for a task that was with the old
   * step's; else (the regisseur reassigned it) its holder, as long as the new step allows them.
   */
  private partnerFor(lead: TaskRecord, step: Step, entry: StepMapping): string {
    if (entry.partner) return entry.partner;
    const wasResponsible = this.fromIndex.steps.get(lead.stepId)?.partner === lead.partnerId;
    const allowed = [step.partner, ...(step.alternativePartners ?? [])];
    return !wasResponsible && allowed.includes(lead.partnerId) ? lead.partnerId : step.partner;
  }

  private record(task: TaskRecord, before: TaskPlace): void {
    const after = { stepId: task.stepId, partnerId: task.partnerId };
    const same = before.stepId === after.stepId && before.partnerId === after.partnerId;
    this.moves.push({ taskKey: task.taskKey, action: same ? 'kept' : 'moved', before, after });
  }

  private cancel(task: TaskRecord, because: NonNullable<TaskMove['because']>): void {
    this.moves.push({
      taskKey: task.taskKey,
      action: 'cancelled',
      before: { stepId: task.stepId, partnerId: task.partnerId },
      because,
    });
    task.status = 'cancelled';
    this.cancelled.set(task.taskKey, because);
  }

  private cancelWithContributions(lead: TaskRecord, because: 'step-removed' | 'merged'): void {
    this.cancel(lead, because);
    for (const task of this.contributionsOf(lead)) {
      if (task.status === 'open') this.cancel(task, because);
    }
  }

  private contributionsOf(lead: TaskRecord): TaskRecord[] {
    return this.next.tasks.filter((task) => task.contribution === lead.taskKey);
  }

  /** Contributors the new step keeps move along; dropped ones are cancelled; new ones get a task. */
  private moveContributions(lead: TaskRecord, step: Step): void {
    const contributors = (step.contributors ?? []).map((contributor) => contributor.partner);
    const existing = this.contributionsOf(lead);
    for (const task of existing) {
      if (task.status !== 'open') continue;
      if (!contributors.includes(task.partnerId)) {
        this.cancel(task, 'contributor-removed');
        continue;
      }
      const before = { stepId: task.stepId, partnerId: task.partnerId };
      task.stepId = step.id;
      this.record(task, before);
    }
    for (const partnerId of contributors) {
      if (existing.some((task) => task.partnerId === partnerId)) continue;
      this.open(
        {
          ...lead,
          taskKey: contributionKey(lead.taskKey, partnerId),
          partnerId,
          status: 'open',
          contribution: lead.taskKey,
        },
        'new-contributor',
      );
    }
  }

  /** A step split into parallel branches: the moved task starts one, a new task each of the others. */
  private openBranches(lead: TaskRecord, targets: string[]): void {
    const split = [...this.toIndex.gateways.values()].find(
      (gateway) =>
        gateway.type === 'parallelSplit' &&
        targets.every((target) =>
          (this.toIndex.outgoing.get(gateway.id) ?? []).some((route) => route.to === target),
        ),
    );
    if (!split?.join) return; // the plan's validation refuses such targets
    const branch = (target: string) => ({
      split: split.id,
      route: this.to.routes.findIndex((route) => route.from === split.id && route.to === target),
    });
    lead.branch = branch(targets[0]);
    for (const target of targets.slice(1)) {
      const step = this.toIndex.steps.get(target) as Step;
      const iteration = (this.next.openings[target] ?? 0) + 1;
      this.next.openings[target] = iteration;
      const opened: TaskRecord = {
        taskKey: `${target}:${iteration}`,
        stepId: target,
        partnerId: step.partner,
        iteration,
        handedOverBy: lead.handedOverBy,
        status: 'open',
        branch: branch(target),
      };
      this.open(opened, 'split');
      this.moveContributions(opened, step);
    }
    this.splitWaits[split.join] = targets.length;
  }

  private open(task: TaskRecord, because: 'split' | 'new-contributor'): void {
    this.next.tasks.push(task);
    this.moves.push({
      taskKey: task.taskKey,
      action: 'opened',
      after: { stepId: task.stepId, partnerId: task.partnerId },
      because,
    });
  }

  /**
   * Joins still waiting move to their counterparts with what arrived, waiting for as many branches
   * as are still on their way; a join without a counterpart may only be dropped when no branch had
   * arrived yet and at most one is still on its way (that one then simply continues).
   */
  private rekeyJoins(): void {
    const waiting = new Set([
      ...Object.keys(this.state.joins),
      ...Object.keys(this.state.joinWaits ?? {}),
    ]);
    const joins: RoutingState['joins'] = {};
    const joinWaits: Record<string, number> = {};
    for (const joinId of waiting) {
      const arrivals = this.state.joins[joinId] ?? [];
      const heading = this.state.tasks.filter(
        (task) =>
          task.status === 'open' &&
          !task.contribution &&
          headsFor(this.from, this.fromIndex, task.stepId, joinId),
      );
      const fate = (task: TaskRecord) => this.cancelled.get(task.taskKey);
      const counterpart = this.gatewayCounterpart(joinId);
      if (!counterpart) {
        const continuing = heading.filter((task) => fate(task) === undefined).length;
        if (arrivals.length > 0 || continuing > 1) {
          this.problem(
            'join-lost',
            `/joins/${joinId}`,
            `join '${joinId}' waits for ${continuing} branch(es) (${arrivals.length} arrived); the new version has no counterpart to wait for them`,
          );
        }
        continue;
      }
      for (const task of heading) {
        const moved = this.next.tasks.find((candidate) => candidate.taskKey === task.taskKey);
        const lost =
          fate(task) === 'step-removed' ||
          (fate(task) === undefined &&
            moved !== undefined &&
            !headsFor(this.to, this.toIndex, moved.stepId, counterpart));
        if (lost) {
          this.problem(
            'join-branch-lost',
            `/tasks/${task.taskKey}`,
            `join '${counterpart}' would wait forever for the branch of task '${task.taskKey}'`,
          );
        }
      }
      const merged = heading.filter((task) => fate(task) === 'merged').length;
      const split = (this.from.gateways ?? []).find(
        (gateway) => gateway.type === 'parallelSplit' && gateway.join === joinId,
      );
      const waits =
        this.state.joinWaits?.[joinId] ??
        (split ? (this.fromIndex.outgoing.get(split.id) ?? []).length : 1);
      if (this.state.joins[joinId]) joins[counterpart] = arrivals;
      joinWaits[counterpart] = waits - merged;
    }
    this.next.joins = joins;
    this.next.joinWaits = { ...joinWaits, ...this.splitWaits };
  }

  /** A returned handover re-opens the task that handed over: its step must still exist. */
  private checkReturns(): void {
    for (const task of this.next.tasks) {
      if (task.status !== 'open' || task.contribution) continue;
      for (const key of task.handedOverBy) {
        const sender = this.next.tasks.find((candidate) => candidate.taskKey === key);
        if (sender && !this.toIndex.steps.has(sender.stepId)) {
          this.problem(
            'return-target-removed',
            `/tasks/${task.taskKey}`,
            `task '${task.taskKey}' was handed over by step '${sender.stepId}', which the new version does not have: its handover could not be returned`,
          );
        }
      }
    }
  }
}
