import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { printable } from '@schakel/contracts/input-limits';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `data.amountOwed` or `items.0.name`. */
  field: string;
  reason: string;
}

/** Flattens nested class-validator errors into one line per offending field. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

export class RequestValidationError extends BadRequestException {
  readonly problems: FieldProblem[];

  /** Field names come from the caller (unknown properties, data keys): control characters are escaped. */
  constructor(problems: FieldProblem[]) {
    const safe = problems.map(({ field, reason }) => ({
      field: printable(field),
      reason: printable(reason),
    }));
    super({
      message: `Invalid request: ${safe.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
      errors: safe,
    });
    this.problems = safe;
  }
}

/**
 * Leaves path and query primitives as the strings they are, so parameter pipes such as
 * PositiveIntPipe see (and can quote) what the caller actually sent.
 */
class BodyValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}

/** Global pipe: strip nothing silently — unknown properties are refused, every problem reported at once. */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(fieldProblems(errors)),
  });
}
