import { Global, Module } from '@nestjs/common';
import { EnvironmentVariables, validateEnvironment } from './app-config';

/** The only place that reads process.env: everything else injects EnvironmentVariables. */
@Global()
@Module({
  providers: [
    { provide: EnvironmentVariables, useFactory: () => validateEnvironment(process.env) },
  ],
  exports: [EnvironmentVariables],
})
export class ConfigModule {}
