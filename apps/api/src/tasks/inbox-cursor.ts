import { RequestValidationError } from '@schakel/http';

export interface InboxPosition {
  value: string | null;
  id: string;
}

/** Opaque keyset cursor: the sort value and id of the last task on a page. */
export function encodeCursor(position: InboxPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): InboxPosition {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    if (
      (value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)))) &&
      typeof id === 'string' &&
      uuid.test(id)
    ) {
      return { value: value as string | null, id };
    }
  } catch {
    // fall through to the validation error below: a cursor we did not write
  }
  throw new RequestValidationError([
    { field: 'cursor', reason: 'is not a cursor this API returned' },
  ]);
}
