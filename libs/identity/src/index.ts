export * from './auth.decorators';
export * from './authenticated-user';
export * from './chain-scope';
export * from './identity.module';
export * from './password';
export * from './token.service';
