import { Injectable } from '@nestjs/common';
import type {
  CaseActivities as CaseActivityContract,
  CaseProjection,
  NotificationEvent,
} from '@schakel/contracts';
import { CaseProjectionRepository } from '@schakel/database';
import { NotificationService } from '@schakel/queue';

/** Keeps the read side (cases, tasks, escalations, event log) in step with the case workflows. */
@Injectable()
export class CaseActivities implements CaseActivityContract {
  constructor(
    private readonly projections: CaseProjectionRepository,
    private readonly notifications: NotificationService,
  ) {}

  async projectCase(projection: CaseProjection): Promise<void> {
    await this.projections.apply(projection);
  }

  /** Only enqueues: delivery (in-app, partner webhooks) happens in the queue's own processors. */
  async notifyPartners(events: NotificationEvent[]): Promise<void> {
    for (const event of events) await this.notifications.notify(event);
  }
}
