export * from './database.module';
export * from './data-source-options';
export * from './migrate';
export * from './identity/organisation.entity';
export * from './identity/organisation.repository';
export * from './identity/user.entity';
export * from './identity/user.repository';
