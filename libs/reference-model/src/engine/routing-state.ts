import { CaseData, EndResult, Intensity } from '../model/reference-model.types';

export type TaskStatus = 'open' | 'completed' | 'skipped' | 'returned' | 'cancelled';

export interface OpenedTask {
  /** Deterministic: `<stepId>:<n>` for the n-th time the step was opened in this case. */
  taskKey: string;
  stepId: string;
  partnerId: string;
  /** 1 the first time a step is opened, 2 after one rework, return or reopen, and so on. */
  iteration: number;
  /** Tasks whose completion opened this one (several after a parallel join). */
  handedOverBy: string[];
}

/** One branch of a parallel split: the split and the index of its route in `model.routes`. */
export interface BranchRef {
  split: string;
  route: number;
}

export interface TaskRecord extends OpenedTask {
  status: TaskStatus;
  outcome?: string;
  /** Set when a parallel join opened this task: the join and the arrivals it fired on. */
  join?: { id: string; arrivals: string[][] };
  /** A done task whose work was wound back (returned to or reopened): it cannot be reopened. */
  superseded?: true;
  /** Set on a contributor's task within a joint step: the key of the lead's task. */
  contribution?: string;
  /** Set when a split's branch opened this task directly: which branch it is the first task of. */
  branch?: BranchRef;
  /**
   * Set on a task re-opened by a return from inside a parallel branch: completing it hands over
   * into these branches of the split again, not into the whole split.
   */
  resume?: { split: string; routes: number[] };
}

export interface CaseEnd {
  endId: string;
  result: EndResult;
  exitReason?: string;
}

/** Routing state of one case. Plain JSON: store it, send it, snapshot it in a workflow. */
export interface RoutingState {
  category: string;
  intensity: Intensity;
  data: CaseData;
  /** Every task ever opened, in order. */
  tasks: TaskRecord[];
  /** Times each step was opened. */
  openings: Record<string, number>;
  /** Handovers returned by each (receiving) step. */
  returns: Record<string, number>;
  /** Times each rework route (by index in `model.routes`) was taken. */
  rework: Record<string, number>;
  /** Per parallel join waiting for branches: the handedOverBy of each branch that arrived. */
  joins: Record<string, string[][]>;
  /**
   * Per join, how many branches its split opened this time (an inclusive split opens only the
   * branches whose `when` holds). Absent: all of the split's branches.
   */
  joinWaits?: Record<string, number>;
  ended?: CaseEnd;
}

export interface RoutingResult {
  state: RoutingState;
  opened: OpenedTask[];
  /** Open tasks cancelled as a side effect (a sibling branch when an end is reached, a rewind). */
  closed: string[];
  ended?: CaseEnd;
  /** A return pushed the receiving step past its `maxReturns`: escalate. */
  returnLimitExceeded?: boolean;
}
