/** Every BullMQ queue of the platform; producers and processors refer to these, never to literals. */
export const QUEUE_NAMES = {
  notifications: 'notifications',
  webhookDeliveries: 'webhook-deliveries',
  emails: 'emails',
} as const;
