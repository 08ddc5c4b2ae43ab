import type { EnvironmentVariables } from '@schakel/config';

/** The launcher sets TEMPORAL_ADDRESS after starting the embedded server; a bare process assumes the default port. */
export function temporalAddress(env: EnvironmentVariables): string {
  return env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
}
