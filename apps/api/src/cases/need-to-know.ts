import type { CaseEventEntity, TaskEntity } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import { visibleFields, type CaseData, type ReferenceModel } from '@schakel/reference-model/engine';

/**
 * What one reader may see of one case (DESIGN.md §5): a caseworker's organisation sees the case
 * data its steps may see and nothing else; chain-wide roles see process data, never content.
 */
export class NeedToKnow {
  private readonly fields: ReadonlySet<string>;

  constructor(
    readonly reader: AuthenticatedUser,
    model: ReferenceModel,
    tasks: Pick<TaskEntity, 'stepId' | 'partnerId'>[],
    /** The organisation that did the intake also sees the intake form it filled in. */
    intakeOrganisation: string | null,
  ) {
    const ownSteps = tasks
      .filter((task) => this.isOwnOrganisation(task.partnerId))
      .map((task) => task.stepId);
    const intake = this.isOwnOrganisation(intakeOrganisation)
      ? model.intake.form.map((form) => form.field)
      : [];
    this.fields = new Set(this.seesContent ? [...visibleFields(model, ownSteps), ...intake] : []);
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

  /** A timeline entry as this reader may read it: handover data filtered, note text only for content readers. */
  event(event: CaseEventEntity): CaseEventEntity['details'] {
    const { data, text, ...process } = event.details;
    return {
      ...process,
      ...(data && this.seesContent ? { data: this.data(data) } : {}),
      ...(text !== undefined && this.seesContent ? { text } : {}),
    };
  }
}
