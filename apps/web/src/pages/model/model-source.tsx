import type { ModelProblem } from '../../api/types';

/** The chain id a model document declares, read without a YAML parser (enough to name the draft). */
export function declaredChainId(source: string): string | null {
  const trimmed = source.trim();
  if (trimmed.startsWith('{')) {
    try {
      const id = (JSON.parse(trimmed) as { chain?: { id?: unknown } }).chain?.id;
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  }
  const inline = /^chain:\s*\{[^}]*\bid:\s*["']?([a-z0-9-]+)/m.exec(source);
  const block = /^chain:\s*(?:#.*)?\n(?:[ \t]+.*\n)*?[ \t]+id:\s*["']?([a-z0-9-]+)/m.exec(source);
  return (inline ?? block)?.[1] ?? null;
}

/** Model problems out of a 422's `errors`, when that is what they are. */
export function asModelProblems(errors: unknown[]): ModelProblem[] {
  return errors.filter(
    (entry): entry is ModelProblem =>
      typeof entry === 'object' && entry !== null && 'code' in entry && 'path' in entry,
  );
}

/** Offset of the start of a 1-based line, to put the cursor on a problem. */
export function lineOffset(source: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return offset;
}
