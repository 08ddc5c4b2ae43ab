import { Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import {
  PROJECTION_REJECTED,
  type CaseActivities as CaseActivityContract,
  type CaseProjection,
  type NotificationEvent,
} from '@schakel/contracts';
import {
  CaseFlagRepository,
  CaseProjectionRepository,
  classifyDatabaseError,
} from '@schakel/database';
import { NotificationService } from '@schakel/queue';

/** Keeps the read side (cases, tasks, escalations, event log, outbox) in step with the case workflows. */
@Injectable()
export class CaseActivities implements CaseActivityContract {
  private readonly logger = new Logger(CaseActivities.name);

  constructor(
    private readonly projections: CaseProjectionRepository,
    private readonly flags: CaseFlagRepository,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * A transient failure (connection, deadlock, shutdown) is thrown as is, so Temporal retries it.
   * A permanent one (the database refuses these values or this statement) flags the case for
   * operators and fails non-retryably: the workflow then does not make the transition either.
   */
  async projectCase(projection: CaseProjection): Promise<void> {
    try {
      await this.projections.apply(projection);
    } catch (error) {
      const facts = classifyDatabaseError(error);
      if (facts.transient) throw error;
      const events = projection.events.map((event) => event.eventId);
      // Only ids and codes: the refused values may be case data.
      const detail = { ...facts, events };
      this.logger.error(detail, 'The read side refused a projection');
      await this.flags.raise(projection.caseId, 'projection-rejected', facts.code, detail);
      throw ApplicationFailure.create({
        type: PROJECTION_REJECTED,
        message: `The read side refused the projection (${facts.code})`,
        nonRetryable: true,
      });
    }
  }

  /**
   * Legacy: cases started before the `durable-projection` patch still enqueue directly. New cases
   * write notifications to the outbox with their projection (apps/relay relays them).
   */
  async notifyPartners(events: NotificationEvent[]): Promise<void> {
    for (const event of events) await this.notifications.notify(event);
  }
}
