import { UnsupportedMediaTypeException } from '@nestjs/common';
import { Router, text, type NextFunction, type Request, type Response } from 'express';
import { MAX_MODEL_BYTES } from '@schakel/reference-model';

/** What a model document may be sent as (see MODEL_BODY_DESCRIPTION). */
export const MODEL_CONTENT_TYPES = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/plain',
];

function requireModelType(request: Request, _response: Response, next: NextFunction): void {
  // `is` answers null for a request without a body: the service then says what to send.
  const unsupported = request.is(MODEL_CONTENT_TYPES) === false;
  next(
    unsupported
      ? new UnsupportedMediaTypeException(
          `Send the model as ${MODEL_CONTENT_TYPES.join(', ')} (got '${request.headers['content-type']}')`,
        )
      : undefined,
  );
}

/**
 * Model documents are read as text, exactly as sent: the 1 MiB limit applies to the raw bytes
 * (413 before anything is parsed, never after a re-serialisation), problems carry the sender's
 * line numbers, and other content types get 415. Mounted before the JSON parser.
 */
export function modelBodyParser(): Router {
  const parse = text({ type: () => true, limit: MAX_MODEL_BYTES });
  const router = Router();
  router.post('/models/validate', requireModelType, parse);
  router.post('/models/drafts', requireModelType, parse);
  router.put('/models/drafts/:chainId', requireModelType, parse);
  return router;
}
