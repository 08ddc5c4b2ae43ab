import type { NextFunction, Request, Response } from 'express';
import { inputProblems, nestingDepth } from '@schakel/contracts/input-limits';
import { RequestValidationError } from './validation.pipe';

/**
 * Refuses, before any pipe or class-transformer recursion sees the request, (a) a JSON body nested
 * deeper than `maxDepth` — 5,000 levels would otherwise overflow the stack in the validation
 * pipe — and (b) a path or query string carrying a control character (a NUL in a parameter would
 * reach PostgreSQL, which refuses it). Both answer 400 naming the field.
 */
export function hostileInputGuard(maxDepth: number) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (nestingDepth(request.body, maxDepth) > maxDepth) {
      next(
        new RequestValidationError([
          { field: 'body', reason: `nests objects and arrays deeper than ${maxDepth} levels` },
        ]),
      );
      return;
    }
    const problems = [
      ...urlPathProblems(request.path),
      ...inputProblems(request.query, 'query', {
        maxTextLength: 2048,
        maxDataBytes: 16_384,
        maxDepth,
      }),
    ];
    next(
      problems.length
        ? new RequestValidationError(
            problems.map(({ field, message }) => ({ field, reason: message })),
          )
        : undefined,
    );
  };
}

function urlPathProblems(path: string): { field: string; message: string }[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return [{ field: 'path', message: 'is not valid percent-encoded UTF-8' }];
  }
  return inputProblems(decoded, 'path');
}
