export * from './app-config';
export * from './config.module';
export * from './oidc-providers';
export * from './keyrings';
export * from './authenticated-encryption';
export * from './variable-error';
