import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsObject,
  IsString,
  MaxDate,
  MinDate,
  ValidateBy,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import {
  HARD_INPUT_LIMITS,
  inputProblems,
  nonTextReason,
  type InputLimits,
} from '@schakel/contracts/input-limits';

/**
 * The shared validation decorators for free text and case data. They apply the same checks the
 * case workflow's Update validators apply (libs/contracts input-limits), so nothing the read side
 * would refuse reaches a workflow.
 */

let limits: InputLimits = HARD_INPUT_LIMITS;

/** Sets the configured limits (INPUT_MAX_*); configureApp calls it once at boot. */
export function useInputLimits(configured: InputLimits): void {
  limits = configured;
}

/**
 * A string that is text: no NUL, no other control character but tab and line breaks, no lone
 * surrogate. `{ each: true }` checks every element of an array.
 */
export const IsText = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(options),
    ValidateBy(
      {
        name: 'isText',
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || !nonTextReason(value),
          defaultMessage: (args?: ValidationArguments) =>
            `${args?.property} ${nonTextReason(String(args?.value)) ?? 'is not text'}`,
        },
      },
      options,
    ),
  );

const dataProblems = (value: unknown, property: string) => inputProblems(value, property, limits);

/**
 * A case data object: every key and string value is text, no string longer than
 * INPUT_MAX_TEXT_LENGTH, at most INPUT_MAX_DATA_BYTES as JSON, nested at most INPUT_MAX_DEPTH deep.
 * The message names the path inside the object, e.g. `data.client-name contains …`.
 */
export const IsCaseData = () =>
  applyDecorators(
    IsObject(),
    ValidateBy({
      name: 'isCaseData',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          dataProblems(value, args?.property ?? '').length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          dataProblems(args?.value, args?.property ?? '')
            .map((problem) => `${problem.field} ${problem.message}`)
            .join('; '),
      },
    }),
  );

/** Dates a parameter may name: PostgreSQL and JavaScript both hold them, and nothing before 1970 happened here. */
export const EARLIEST_DATE = '1970-01-01';
export const LATEST_DATE = '9999-12-31';

/** A query parameter that is a moment between EARLIEST_DATE and the end of LATEST_DATE (UTC). */
export const IsDateInRange = () =>
  applyDecorators(
    Type(() => Date),
    IsDate(),
    MinDate(new Date(`${EARLIEST_DATE}T00:00:00Z`), {
      message: ({ property }) => `${property} must not be before ${EARLIEST_DATE}`,
    }),
    MaxDate(new Date(`${LATEST_DATE}T23:59:59.999Z`), {
      message: ({ property }) => `${property} must not be after ${LATEST_DATE}`,
    }),
  );
