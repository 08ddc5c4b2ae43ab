/**
 * Text metric of the BPMN export: Arial (the font bpmn-js and most modellers render labels in),
 * advance widths in thousandths of an em. Characters not listed count as the widest letter, so the
 * estimate errs towards room to spare.
 */
const ADVANCE: Record<string, number> = {
  ' ': 278,
  f: 278,
  i: 222,
  j: 222,
  l: 222,
  r: 333,
  t: 278,
  m: 833,
  w: 722,
  c: 500,
  k: 500,
  s: 500,
  v: 500,
  x: 500,
  y: 500,
  z: 500,
  I: 278,
  J: 500,
  M: 833,
  W: 944,
  ',': 278,
  '.': 278,
  ':': 278,
  ';': 278,
  '/': 278,
  '(': 333,
  ')': 333,
  '-': 333,
  "'": 191,
};
const LOWER = 556;
const UPPER = 722;
const OTHER = 1000;

function advance(char: string): number {
  if (char in ADVANCE) return ADVANCE[char];
  if (/[a-zà-ÿ0-9]/.test(char)) return LOWER;
  if (/[A-ZÀ-Þ]/.test(char)) return UPPER;
  return OTHER;
}

/** Width in pixels of `text` on one line at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  return ([...text].reduce((sum, char) => sum + advance(char), 0) * fontSize) / 1000;
}

/** Lines of `text` wrapped at spaces to `maxWidth` px; a word longer than that gets a line of its own. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize) <= maxWidth) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines;
}

/** Font sizes and line height bpmn-js uses: 12 px inside tasks, 11 px for external labels. */
export const TASK_FONT = 12;
export const LABEL_FONT = 11;
export const LINE_HEIGHT = 1.2;
/** Room between a task's border and its text on each side. */
export const TASK_PADDING = 10;
