export * from './case.contract';
export * from './case-actions.contract';
export * from './case.messages';
export * from './notification.contract';
export * from './smoke.contract';
export * from './input-limits';
export * from './migration.contract';
