/** A condition that cannot be parsed; `position` is the 0-based offset of the offending token. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at position ${position + 1})`);
    this.name = 'ExpressionError';
  }
}
