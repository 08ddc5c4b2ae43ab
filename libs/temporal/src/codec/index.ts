export * from './data-converter';
export * from './encryption.codec';
