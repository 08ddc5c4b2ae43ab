import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './validation.pipe';

/** The largest PostgreSQL integer: ids and version numbers are stored as int4. */
export const MAX_INT32 = 2_147_483_647;

/** Parses a path or query parameter as a whole number from 1 to MAX_INT32, naming the parameter when it is not. */
@Injectable()
export class PositiveIntPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const number = Number(value);
    if (!/^\d{1,10}$/.test(value ?? '') || number < 1 || number > MAX_INT32) {
      throw new RequestValidationError([
        {
          field: this.name,
          reason: `must be a whole number from 1 to ${MAX_INT32} (got '${String(value).slice(0, 40)}')`,
        },
      ]);
    }
    return number;
  }
}
