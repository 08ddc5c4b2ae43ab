/** A one-line progress bar on stderr (plain lines when stderr is not a terminal). */
export class ProgressBar {
  private done = 0;
  private lastDrawn = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {
    this.draw(true);
  }

  tick(amount = 1): void {
    this.done = Math.min(this.total, this.done + amount);
    this.draw(this.done === this.total);
  }

  finish(): void {
    if (this.done < this.total) {
      this.done = this.total;
      this.draw(true);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
  }

  private draw(force: boolean): void {
    const now = Date.now();
    const interval = process.stderr.isTTY ? 100 : 5_000;
    if (!force && now - this.lastDrawn < interval) return;
    this.lastDrawn = now;
    const fraction = this.total ? this.done / this.total : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = ((now - this.started) / 1000).toFixed(1);
    const line =
      `${this.label.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
      `${String(Math.round(fraction * 100)).padStart(3)}% ${this.done}/${this.total} ${seconds}s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else process.stderr.write(`${line}\n`);
  }
}
