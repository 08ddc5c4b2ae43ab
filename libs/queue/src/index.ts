export * from './queue.module';
export * from './redis-options';
export * from './redis-probe';
