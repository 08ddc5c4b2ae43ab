export * from './data-converter';
export * from './encryption.codec';
export * from './history-payloads';
