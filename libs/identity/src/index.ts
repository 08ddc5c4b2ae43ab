export * from './auth.decorators';
export * from './authenticated-user';
export * from './identity.module';
export * from './password';
export * from './token.service';
