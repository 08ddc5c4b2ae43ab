/**
 * Retries an assertion until it passes or the time is up (then its last failure is thrown): for
 * effects of background jobs, without fixed sleeps.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  { timeoutMs = 20_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
