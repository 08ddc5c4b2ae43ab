import { Suppressed } from '../../components/suppressed';
import { SUPPRESSED, type StepFigure } from './step-figures';

interface Props {
  value: StepFigure | undefined;
  minGroupSize: number | null | undefined;
  format?: (value: number | null | undefined) => string;
}

/** A step figure as text: formatted, "—" without a figure, "onderdrukt" (with tooltip) when held back. */
export function FigureText({ value, minGroupSize, format = (v) => (v ?? '—').toString() }: Props) {
  if (value === SUPPRESSED) return <Suppressed minGroupSize={minGroupSize ?? null} />;
  return <>{format(value)}</>;
}

/** The number behind a figure, for colouring: none when held back or missing. */
export const figureNumber = (value: StepFigure | undefined): number | null =>
  typeof value === 'number' ? value : null;
