import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { EnvironmentVariables } from '@schakel/config';
import type { EmailMessage } from './email-message';

/** Sends e-mail over SMTP_URL with nodemailer; without SMTP_URL the e-mail channel is off. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(EnvironmentVariables) private readonly env: EnvironmentVariables) {
    this.transport = env.SMTP_URL ? createTransport(env.SMTP_URL) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(message: EmailMessage): Promise<void> {
    if (!this.transport) throw new Error('E-mail is not configured (SMTP_URL)');
    await this.transport.sendMail({ from: this.env.MAIL_FROM, ...message });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
