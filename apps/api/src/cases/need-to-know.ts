import type { TextAudience } from '@schakel/contracts';
import type { CaseEventEntity, TaskEntity } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import { visibleFields, type CaseData, type ReferenceModel } from '@schakel/reference-model/engine';

/** What a reader outside a confidential step sees in its place (issue 12). */
export const CONFIDENTIAL_STEP_NAME = 'Een partner werkt aan de casus';

/** A task of the case; `modelVersion`, where known, is the version it ran under. */
type TaskRef = Pick<TaskEntity, 'taskKey' | 'stepId' | 'partnerId'> &
  Partial<Pick<TaskEntity, 'modelVersion'>>;

/**
 * What one reader may see of one case (DESIGN.md §5, docs/need-to-know.md): a caseworker's
 * organisation sees the case data its steps may see and nothing else; chain-wide roles see process
 * data, never content; free text only by its audience; a confidential step only by its own partner
 * and the chain-wide roles.
 */
export class NeedToKnow {
  private readonly fields: ReadonlySet<string>;
  private readonly confidentialSteps: ReadonlySet<string>;
  private readonly stepOfTask: ReadonlyMap<string, TaskRef>;
  /** Partners this reader knows of in the case only through hidden confidential steps. */
  private readonly hiddenPartners: ReadonlySet<string>;

  constructor(
    readonly reader: AuthenticatedUser,
    model: ReferenceModel,
    tasks: TaskRef[],
    /** The organisation that did the intake also sees the intake form it filled in. */
    intakeOrganisation: string | null,
    /**
     * Earlier versions some of its tasks ran under (a migrated case, issue 16): a task's step is
     * read in the version it ran under, and a step confidential in any of them stays hidden.
     */
    earlier: ReadonlyMap<number, ReferenceModel> = new Map(),
  ) {
    const modelOf = (task: TaskRef) =>
      (task.modelVersion !== undefined && earlier.get(task.modelVersion)) || model;
    const own = tasks.filter((task) => this.isOwnOrganisation(task.partnerId));
    const intake = this.isOwnOrganisation(intakeOrganisation)
      ? model.intake.form.map((form) => form.field)
      : [];
    this.fields = new Set(
      this.seesContent
        ? [...own.flatMap((task) => visibleFields(modelOf(task), [task.stepId])), ...intake]
        : [],
    );
    this.confidentialSteps = new Set(
      [model, ...earlier.values()].flatMap((version) =>
        version.steps.filter((step) => step.confidential).map((step) => step.id),
      ),
    );
    this.stepOfTask = new Map(tasks.map((task) => [task.taskKey, task]));
    this.hiddenPartners = this.onlyHidden(tasks, intakeOrganisation);
  }

  private onlyHidden(tasks: TaskRef[], alsoShown: string | null): Set<string> {
    const shown = new Set(
      tasks
        .filter((task) => !this.hidesStep(task.stepId, task.partnerId))
        .map((task) => task.partnerId),
    );
    if (alsoShown) shown.add(alsoShown);
    return new Set(tasks.map((task) => task.partnerId).filter((partner) => !shown.has(partner)));
  }

  /** Caseworkers of an involved organisation read content; the regisseur and operations read process data. */
  get seesContent(): boolean {
    return this.reader.role === 'caseworker';
  }

  isOwnOrganisation(organisationId: string | null): boolean {
    return organisationId !== null && organisationId === this.reader.organisationId;
  }

  data(data: CaseData | undefined): CaseData | undefined {
    if (!data) return undefined;
    return Object.fromEntries(Object.entries(data).filter(([field]) => this.fields.has(field)));
  }

  get visibleFieldIds(): string[] {
    return [...this.fields];
  }

  /**
   * Whether a step's work is hidden from this reader: a confidential step is seen by its own
   * partner and by the chain-wide roles (regisseur, operations, admin), not by other caseworkers.
   */
  hidesStep(stepId: string | null, partnerId: string | null): boolean {
    return (
      this.reader.role === 'caseworker' &&
      stepId !== null &&
      this.confidentialSteps.has(stepId) &&
      !this.isOwnOrganisation(partnerId)
    );
  }

  /** A task key this reader may see, or null when it names a confidential step of another partner. */
  taskKey(taskKey: string | null): string | null {
    const task = taskKey === null ? undefined : this.stepOfTask.get(taskKey);
    return task && this.hidesStep(task.stepId, task.partnerId) ? null : taskKey;
  }

  /** Partners holding the case now, without those working on a confidential step hidden from this reader. */
  currentPartners(openTasks: TaskRef[], currentPartners: string[]): string[] {
    const hidden = this.onlyHidden(openTasks, null);
    return currentPartners.filter((partner) => !hidden.has(partner));
  }

  /**
   * Whether an actor's organisation stays unnamed for this reader: it takes part in the case only
   * through confidential steps hidden from the reader (its caseworker's completion opens the next
   * step, its return reopens the previous one).
   */
  hidesOrganisation(organisationId: string | null): boolean {
    return organisationId !== null && this.hiddenPartners.has(organisationId);
  }

  /**
   * Whether this reader reads a piece of free text (issue 12). Text stored before audiences
   * existed falls back to its author: the author's organisation, or the regisseur for the
   * regisseur's own reasons; text the workflow generated (no actor) is process information.
   * Operations and admin never read free text.
   */
  readsText(audience: TextAudience | undefined, event: CaseEventEntity): boolean {
    if (this.reader.role !== 'caseworker' && this.reader.role !== 'regisseur') return false;
    if (!audience && event.actorRole === null) return true;
    const readers = audience ?? {
      organisations: event.actorOrganisation ? [event.actorOrganisation] : [],
      regisseur: event.actorRole === 'regisseur',
    };
    if (this.reader.role === 'regisseur') return readers.regisseur;
    return readers.organisations.some((organisation) => this.isOwnOrganisation(organisation));
  }

  /**
   * A timeline entry's details as this reader may read them: handover data filtered, free text
   * only for its audience (others learn that there is a reason, and its category), task keys of
   * hidden confidential steps left out. Null: the reader does not learn of the entry (another
   * audience's note).
   */
  event(event: CaseEventEntity): Record<string, unknown> | null {
    const { data, text, reason, audience, handedOverBy, fromStepId, fromPartnerId, ...process } =
      event.details;
    const reads = this.readsText(audience, event);
    if (event.type === 'note.added' && !reads) return null;
    // Where a migrated task came from is named unless that was a confidential step hidden from the reader.
    const from =
      fromStepId !== undefined && !this.hidesStep(fromStepId, fromPartnerId ?? null)
        ? { fromStepId, fromPartnerId }
        : {};
    return {
      ...process,
      ...from,
      ...(data && this.seesContent ? { data: this.data(data) } : {}),
      ...(reason !== undefined ? (reads ? { reason } : { reasonWithheld: true }) : {}),
      ...(text !== undefined && reads ? { text } : {}),
      ...(audience && reads ? { audience } : {}),
      ...(handedOverBy
        ? { handedOverBy: handedOverBy.map((key) => this.taskKey(key) ?? 'confidential') }
        : {}),
    };
  }
}
