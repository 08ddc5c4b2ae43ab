export * from './all-exceptions.filter';
export * from './logger.module';
export * from './validation.pipe';
export * from './positive-int.pipe';
export * from './uuid.pipe';
export * from './page-query.dto';
export * from './log-redaction';
