import { holds } from '../expression/evaluate-expression';
import { parseExpression } from '../expression/parse-expression';
import { indexModel, ModelIndex } from '../model/model-index';
import { Gateway, ReferenceModel, Route } from '../model/reference-model.types';
import { contributionKey, pendingContributions } from './joint-steps';
import { RoutingError } from './routing-error';
import { BranchRef, OpenedTask, RoutingResult, RoutingState, TaskRecord } from './routing-state';

/** Far above any real model; only a malformed model (a gateway-only cycle) gets here. */
const MAX_MOVES = 10000;

/**
 * One change to a case's routing state. Works on a private copy, so a RoutingError thrown halfway
 * leaves the caller's state untouched.
 */
export class Transition {
  readonly state: RoutingState;
  private readonly index: ModelIndex;
  private readonly opened: OpenedTask[] = [];
  private readonly closed: string[] = [];
  private moves = 0;
  /** The split branch being entered, so the task it opens first knows its branch. */
  private branch?: BranchRef;
  /** While a branch-locally re-opened task hands over: the branches of its split to re-enter. */
  private resume?: TaskRecord['resume'];
  /** While a targeted rework route enters its split: the branches to open again. */
  private targeted?: { split: string; branches: string[] };

  constructor(
    private readonly model: ReferenceModel,
    state: RoutingState,
  ) {
    this.state = JSON.parse(JSON.stringify(state)) as RoutingState;
    this.index = indexModel(model);
  }

  result(extra: Partial<RoutingResult> = {}): RoutingResult {
    const ended = this.state.ended;
    return {
      state: this.state,
      opened: this.opened,
      closed: this.closed,
      ...(ended ? { ended } : {}),
      ...extra,
    };
  }

  task(taskKey: string): TaskRecord {
    const task = this.state.tasks.find((t) => t.taskKey === taskKey);
    if (!task)
      throw new RoutingError('unknown-task', `task '${taskKey}' does not exist in this case`);
    return task;
  }

  openTask(taskKey: string): TaskRecord {
    this.assertRunning();
    const task = this.task(taskKey);
    if (task.status !== 'open')
      throw new RoutingError('task-not-open', `task '${taskKey}' is ${task.status}, not open`);
    return task;
  }

  assertRunning(): void {
    if (this.state.ended)
      throw new RoutingError('case-ended', `the case has ended at '${this.state.ended.endId}'`);
  }

  /**
   * Completes a task and routes on. A task re-opened inside a parallel branch must hand over into
   * that branch again: its siblings are still at work and the join waits for them.
   */
  complete(task: TaskRecord, outcome: string): void {
    task.outcome = outcome;
    this.resume = task.resume;
    this.leave(task.stepId, outcome, [task.taskKey]);
    if (this.resume) {
      throw new RoutingError(
        'branch-route-changed',
        `task '${task.taskKey}' was returned from a parallel branch of '${this.resume.split}'; choose an outcome that hands over to that branch again; to take another way the regisseur reopens a step before the split`,
      );
    }
  }

  /** Leaves a node along the first route whose outcome, condition and rework bound allow it. */
  leave(from: string, outcome: string | undefined, handedOverBy: string[]): void {
    let exhausted: Route | undefined;
    for (const route of this.index.outgoing.get(from) ?? []) {
      if (route.on !== undefined && route.on !== outcome) continue;
      if (route.when !== undefined && !holds(parseExpression(route.when), this.context(outcome)))
        continue;
      if (route.rework) {
        const key = String(this.model.routes.indexOf(route));
        const taken = this.state.rework[key] ?? 0;
        if (taken >= route.rework.maxIterations) {
          exhausted ??= route;
          continue;
        }
        this.state.rework[key] = taken + 1;
        if (route.rework.branches)
          this.targeted = { split: route.to, branches: route.rework.branches };
      }
      this.enter(route.to, handedOverBy);
      return;
    }
    if (exhausted) {
      const max = exhausted.rework?.maxIterations;
      throw new RoutingError(
        'rework-limit-exceeded',
        `the loop from '${from}' back to '${exhausted.to}' may run ${max} times and has; no other route applies`,
      );
    }
    throw new RoutingError(
      'no-matching-route',
      `no route leaves '${from}'${outcome ? ` for outcome '${outcome}'` : ''} with the current case data`,
    );
  }

  private context(outcome: string | undefined) {
    const { data, category, intensity } = this.state;
    return { data, outcome, intake: { category, intensity } };
  }

  private enter(id: string, handedOverBy: string[], join?: TaskRecord['join']): void {
    if (this.state.ended) return; // another branch already finished the case
    if (++this.moves > MAX_MOVES)
      throw new RoutingError('routing-loop', `routing did not settle (last at '${id}')`);
    const node = this.index.nodes.get(id);
    if (node?.kind === 'step') {
      this.open(node.id, node.step.partner, handedOverBy, join);
    } else if (node?.kind === 'end') {
      const { result, exitReason } = node.end;
      this.state.ended = { endId: id, result, ...(exitReason ? { exitReason } : {}) };
      this.cancel(this.state.tasks.filter((t) => t.status === 'open'));
    } else if (node?.kind === 'gateway' && node.gateway.type === 'parallelSplit') {
      this.split(node.gateway, handedOverBy);
    } else if (node?.kind === 'gateway' && node.gateway.type === 'parallelJoin') {
      this.arrive(id, handedOverBy);
    } else if (node?.kind === 'gateway') {
      this.leave(id, undefined, handedOverBy);
    } else {
      throw new RoutingError('unknown-step', `route leads to '${id}', which does not exist`);
    }
  }

  /**
   * Opens the branches whose condition holds (all of them without conditions) and tells the join
   * how many to wait for. When no condition holds the block is passed: straight to the join.
   */
  private split(gateway: Gateway, handedOverBy: string[]): void {
    const outer = this.branch;
    const resume = this.resume?.split === gateway.id ? this.resume : undefined;
    let branches: Route[];
    if (resume) {
      // A branch-local return: only the returned branches, the join still waits for all.
      this.resume = undefined;
      branches = resume.routes.map((r) => this.model.routes[r]);
    } else {
      const context = this.context(undefined);
      const targeted = this.targeted?.split === gateway.id ? this.targeted.branches : undefined;
      this.targeted = undefined;
      branches = (this.index.outgoing.get(gateway.id) ?? []).filter((route) =>
        targeted
          ? targeted.includes(route.to)
          : route.when === undefined || holds(parseExpression(route.when), context),
      );
      if (gateway.join !== undefined) {
        this.state.joinWaits = { ...this.state.joinWaits, [gateway.join]: branches.length };
        if (branches.length === 0) this.arrive(gateway.join, handedOverBy);
      }
    }
    for (const route of branches) {
      this.branch = { split: gateway.id, route: this.model.routes.indexOf(route) };
      this.enter(route.to, handedOverBy);
    }
    this.branch = outer;
  }

  private arrive(joinId: string, handedOverBy: string[]): void {
    const arrivals = [...(this.state.joins[joinId] ?? []), handedOverBy];
    if (arrivals.length < this.branches(joinId)) {
      this.state.joins[joinId] = arrivals;
      return;
    }
    delete this.state.joins[joinId];
    this.forgetWait(joinId);
    this.branch = undefined;
    const [route] = this.index.outgoing.get(joinId) ?? [];
    if (!route) throw new RoutingError('no-matching-route', `no route leaves join '${joinId}'`);
    this.enter(route.to, [...new Set(arrivals.flat())], { id: joinId, arrivals });
  }

  private forgetWait(joinId: string): void {
    if (!this.state.joinWaits) return;
    delete this.state.joinWaits[joinId];
  }

  /** A join waits for as many arrivals as its split opened branches (all, unless inclusive). */
  private branches(joinId: string): number {
    const waits = this.state.joinWaits?.[joinId];
    if (waits !== undefined) return Math.max(waits, 1);
    const split = [...this.index.gateways.values()].find(
      (g) => g.type === 'parallelSplit' && g.join === joinId,
    );
    return split ? (this.index.outgoing.get(split.id) ?? []).length : 1;
  }

  open(stepId: string, partnerId: string, handedOverBy: string[], join?: TaskRecord['join']): void {
    const iteration = (this.state.openings[stepId] ?? 0) + 1;
    this.state.openings[stepId] = iteration;
    const opened: OpenedTask = {
      taskKey: `${stepId}:${iteration}`,
      stepId,
      partnerId,
      iteration,
      handedOverBy,
    };
    const branch = this.branch;
    this.branch = undefined; // only the first task of a branch is marked
    this.state.tasks.push({
      ...opened,
      status: 'open',
      ...(join ? { join } : {}),
      ...(branch ? { branch } : {}),
    });
    this.opened.push(opened);
    for (const contributor of this.index.steps.get(stepId)?.contributors ?? []) {
      const contribution: OpenedTask = {
        ...opened,
        taskKey: contributionKey(opened.taskKey, contributor.partner),
        partnerId: contributor.partner,
      };
      this.state.tasks.push({ ...contribution, status: 'open', contribution: opened.taskKey });
      this.opened.push(contribution);
    }
  }

  /** The lead task `open` just added (its contributions follow it). */
  private lastOpened(): TaskRecord {
    const leads = this.state.tasks.filter((t) => !t.contribution);
    return leads[leads.length - 1];
  }

  /** The lead's task leaves the step (skipped, returned): contributions still open are void. */
  cancelContributions(lead: TaskRecord): void {
    this.cancel(pendingContributions(this.state, lead));
  }

  /**
   * The first task of a parallel branch returns its handover: the task that handed over to the
   * split opens again for this branch only, and the sibling branches keep their work. A task
   * already re-opened for another branch of the same split takes this branch on as well.
   */
  reopenForBranch(sender: TaskRecord, branch: BranchRef): void {
    const waiting = this.state.tasks.find(
      (t) => t.status === 'open' && t.stepId === sender.stepId && t.resume?.split === branch.split,
    );
    if (waiting?.resume) {
      waiting.resume.routes.push(branch.route);
      return;
    }
    this.open(sender.stepId, sender.partnerId, sender.handedOverBy);
    this.lastOpened().resume = { split: branch.split, routes: [branch.route] };
  }

  /** A join firing that an earlier rewind wound back, so it no longer says what the join waits for. */
  private undone(task: TaskRecord): boolean {
    const arrivals = task.join?.arrivals.flat() ?? [];
    return (
      task.status === 'cancelled' ||
      Boolean(task.superseded) ||
      arrivals.some((key) => this.task(key).superseded)
    );
  }

  cancel(tasks: TaskRecord[]): void {
    for (const task of tasks) {
      task.status = 'cancelled';
      this.closed.push(task.taskKey);
    }
  }

  /**
   * Winds the case back to just before `targets` completed and opens them again. Open tasks that
   * follow from them are cancelled; joins forget arrivals that came from them, and joins that
   * already fired are reset to wait for the re-opened branches only.
   */
  rewind(targets: TaskRecord[]): void {
    const affected = new Set(targets.map((t) => t.taskKey));
    for (let grew = true; grew;) {
      grew = false;
      for (const task of this.state.tasks) {
        if (!affected.has(task.taskKey) && task.handedOverBy.some((k) => affected.has(k))) {
          affected.add(task.taskKey);
          grew = true;
        }
      }
    }
    const untouched = (arrival: string[]) => !arrival.some((k) => affected.has(k));
    for (const [joinId, arrivals] of Object.entries(this.state.joins)) {
      this.state.joins[joinId] = arrivals.filter(untouched);
    }
    const downstream = this.state.tasks.filter(
      (t) => affected.has(t.taskKey) && !targets.includes(t),
    );
    const reset = new Set<string>();
    for (const task of downstream) {
      // The earliest firing wound back counts: the join waits again as it did just before it,
      // for the branches being re-done (later firings of the same join are undone with it).
      // A firing an earlier rewind already undid does not: its task was cancelled or superseded,
      // or an arrival it fired on was wound back (a return of the task after the join did that).
      if (!task.join || reset.has(task.join.id) || this.undone(task)) continue;
      reset.add(task.join.id);
      this.state.joins[task.join.id] = task.join.arrivals.filter(untouched);
      this.state.joinWaits = { ...this.state.joinWaits, [task.join.id]: task.join.arrivals.length };
    }
    this.cancel(downstream.filter((t) => t.status === 'open'));
    for (const task of this.state.tasks) {
      const done = task.status === 'completed' || task.status === 'skipped';
      if (done && affected.has(task.taskKey)) task.superseded = true;
    }
    for (const target of targets) {
      this.branch = target.branch;
      this.open(target.stepId, target.partnerId, target.handedOverBy, target.join);
      // A task re-opened for one branch stays so: its siblings were never wound back.
      if (target.resume) this.lastOpened().resume = { ...target.resume };
    }
  }
}
