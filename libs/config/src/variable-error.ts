import { readFileSync } from 'node:fs';

/** A setting that is wrong or missing, named by its variable: boot stops with this message. */
export class VariableError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'VariableError';
  }
}

/** The file a `…_FILE` variable names; a VariableError naming it when it cannot be read. */
export function readVariableFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new VariableError(
      variable,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
}
