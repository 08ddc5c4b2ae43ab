import { proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import { CURRENT_PARTNERS_ATTRIBUTE, type CaseTransitionResult } from '@schakel/contracts';
import type { Transition } from './case-machine';

/**
 * The projection path of cases started before the `durable-projection` patch: projections and
 * notifications as local activities, run before the workflow task was durably recorded. Kept only so
 * those cases replay deterministically (docs/workflows.md, patching policy); replace with
 * `deprecatePatch('durable-projection')` once none of them is running.
 */
type Projection = Transition['projection'];

interface LegacyActivities {
  projectCase(projection: Omit<Projection, 'notifications'>): Promise<void>;
  notifyPartners(events: Projection['notifications']): Promise<void>;
}

const { projectCase } = proxyLocalActivities<LegacyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const { notifyPartners } = proxyLocalActivities<LegacyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['InvalidNotificationEventError'] },
});

export function legacyProjector(apply: (transition: Transition) => void) {
  let projected: Promise<void> = Promise.resolve();
  let publishedPartners = '';
  return (transition: Transition): Promise<CaseTransitionResult> => {
    apply(transition);
    const { notifications, ...projection } = transition.projection;
    if (transition.currentPartners.join() !== publishedPartners) {
      publishedPartners = transition.currentPartners.join();
      upsertSearchAttributes({ [CURRENT_PARTNERS_ATTRIBUTE.name]: transition.currentPartners });
    }
    projected = projected.then(async () => {
      if (projection.events.length || projection.opened.length || projection.escalations?.length) {
        await projectCase(projection);
      }
      if (notifications.length) await notifyPartners(notifications);
    });
    return projected.then(() => transition.result);
  };
}
