/** Every Kafka topic of the platform, one per aggregate family. Dead letters go to `<topic>.dlq`. */
export const Topics = {
  Users: 'platform.users',
  Accesses: 'platform.accesses',
  AccessRequests: 'platform.access-requests',
  Licensing: 'platform.licensing',
  Notifications: 'platform.notifications',
  Clients: 'platform.clients',
  Tokens: 'platform.tokens',
  Webhooks: 'platform.webhooks',
  Security: 'platform.security',
  Integrations: 'platform.integrations',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
