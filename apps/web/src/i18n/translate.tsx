import type { Dictionary, MessageKey } from './nl';

export type Params = Record<string, string | number>;

/** Looks a message up and fills its {placeholders}. */
export function translate(dictionary: Dictionary, key: MessageKey, params: Params = {}): string {
  return dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
