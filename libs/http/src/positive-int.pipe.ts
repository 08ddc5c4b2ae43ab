import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './validation.pipe';

/** Parses a path or query parameter as a whole number ≥ 1, naming the parameter when it is not. */
@Injectable()
export class PositiveIntPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const number = Number(value);
    if (!/^\d+$/.test(value ?? '') || !Number.isSafeInteger(number) || number < 1) {
      throw new RequestValidationError([
        { field: this.name, reason: `must be a whole number of at least 1 (got '${value}')` },
      ]);
    }
    return number;
  }
}
