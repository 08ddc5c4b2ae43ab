/**
 * Group commit: writes items one batch at a time, and every item that arrives while a batch is
 * being written goes into the next one. A lone item is written at once (no added wait); under load
 * many concurrent callers share one statement and one commit. Each caller's promise settles when
 * its own item is durable, or fails with its batch — so nothing is acknowledged that was not
 * written. A failed batch of several is retried item by item, so one refused item fails alone.
 */
export class BatchedWriter<T> {
  private pending: { item: T; settle: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((entry) => entry.item));
        for (const entry of batch) entry.settle();
      } catch (error) {
        if (batch.length === 1) batch[0]?.settle(error);
        else await this.writeEach(batch);
      }
    }
    this.writing = false;
  }

  private async writeEach(batch: typeof this.pending): Promise<void> {
    for (const entry of batch) {
      try {
        await this.write([entry.item]);
        entry.settle();
      } catch (error) {
        entry.settle(error);
      }
    }
  }
}
