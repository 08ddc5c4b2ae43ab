export * from './search-attributes';
export * from './temporal-address';
export * from './temporal-client.module';
export * from './temporal-dev-server';
export * from './temporal-probe';
export * from './codec';
