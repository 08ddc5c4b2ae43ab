import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { EnvironmentVariables } from '@schakel/config';
import { EmailNotificationRepository } from '@schakel/database';
import { BaseProcessor, EmailQueue, QUEUE_NAMES, type EmailJob } from '@schakel/queue';
import { digestEmail, immediateEmail } from './email-message';
import { Mailer } from './mailer.service';

/**
 * Sends e-mail notifications: one e-mail per row for immediate subscriptions, and the daily digest
 * per daily subscription. A row is marked sent after SMTP accepted it; a failure is retried by
 * BullMQ (an e-mail may then, rarely, arrive twice — never be lost).
 */
@Processor(QUEUE_NAMES.emails, { concurrency: 2 })
export class EmailProcessor extends BaseProcessor<EmailJob> implements OnApplicationBootstrap {
  constructor(
    private readonly emails: EmailNotificationRepository,
    private readonly mailer: Mailer,
    private readonly queue: EmailQueue,
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.mailer.enabled) {
      await this.queue.scheduleDigest(this.env.EMAIL_DIGEST_CRON, this.env.EMAIL_DIGEST_TIMEZONE);
    }
  }

  protected async handle({ data }: Job<EmailJob>): Promise<void> {
    if (data.kind === 'send') {
      const email = await this.emails.findPending(data.emailId);
      if (!email) return; // sent by an earlier attempt, or unsubscribed meanwhile
      await this.mailer.send(immediateEmail(email.address, email));
      await this.emails.markSent([email.id]);
      return;
    }
    for (const digest of await this.emails.pendingDigests()) {
      await this.mailer.send(digestEmail(digest.address, digest.items));
      await this.emails.markSent(digest.items.map((item) => item.id));
    }
  }
}
