import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import {
  parseAllowList,
  resolveWebhookTarget,
  type WebhookTarget,
  type WebhookTargetPolicy,
} from './webhook-target';

/** The SSRF policy from config, applied at registration (API) and before each delivery (worker). */
@Injectable()
export class WebhookTargets {
  private readonly policy: WebhookTargetPolicy;

  constructor(@Inject(EnvironmentVariables) env: EnvironmentVariables) {
    this.policy = {
      requireHttps: env.NODE_ENV === 'production',
      allowList: parseAllowList(env.WEBHOOK_ALLOWED_HOSTS),
    };
  }

  resolve(url: string): Promise<WebhookTarget> {
    return resolveWebhookTarget(url, this.policy);
  }
}
