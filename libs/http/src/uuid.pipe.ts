import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './validation.pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an id parameter, naming it when it is not a UUID (instead of a database error later). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!UUID.test(value ?? '')) {
      throw new RequestValidationError([
        { field: this.name, reason: `must be a UUID (got '${value}')` },
      ]);
    }
    return value.toLowerCase();
  }
}
