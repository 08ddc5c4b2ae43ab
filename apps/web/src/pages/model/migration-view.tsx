import type {
  CaseMigration,
  MigrationPlan,
  MigrationProgress,
  StepMappingEdit,
  TaskMigration,
} from '../../api/migrations-api';

/** One line of the dry run's table: a task of a case, or a case that cannot migrate and why. */
export interface DryRunRow {
  caseId: string;
  caseNumber: number | null;
  outcome: CaseMigration['outcome'];
  task: TaskMigration | null;
  problems: string[];
}

export function dryRunRows(cases: CaseMigration[]): DryRunRow[] {
  return cases.flatMap((entry): DryRunRow[] => {
    const base = {
      caseId: entry.caseId,
      caseNumber: entry.caseNumber ?? null,
      outcome: entry.outcome,
      problems: entry.problems.map((problem) => problem.message),
    };
    return entry.tasks.length
      ? entry.tasks.map((task) => ({ ...base, task }))
      : [{ ...base, task: null }];
  });
}

/** The steps of the old version each mapped as the owner now has it (`[]`: open tasks cancelled). */
export type MappingChoices = Record<string, string[]>;

export function choicesOf(plan: MigrationPlan): MappingChoices {
  return Object.fromEntries(plan.steps.map((entry) => [entry.from, entry.to]));
}

/** The choices that differ from the plan's entries: what a new revision sends as edits. */
export function mappingEdits(plan: MigrationPlan, choices: MappingChoices): StepMappingEdit[] {
  const current = choicesOf(plan);
  return Object.entries(choices)
    .filter(([from, to]) => current[from]?.join() !== to.join() || !(from in current))
    .map(([from, to]) => ({ from, to }));
}

/** How far a run is: settled cases over all, in whole percent. */
export function settledPercent(progress: MigrationProgress): number {
  if (progress.total === 0) return 100;
  return Math.round(((progress.total - progress.pending) / progress.total) * 100);
}
