import type { TemporalDevServer } from '@schakel/temporal';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { temporalDevServer?: TemporalDevServer }).temporalDevServer?.stop();
}
