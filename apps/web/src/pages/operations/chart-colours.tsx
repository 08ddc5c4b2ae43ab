/** Chart colours with at least 3:1 contrast against the white card (WCAG 2.1 non-text contrast). */
export const CHART_COLOURS = {
  blue: '#1d4ed8',
  teal: '#0f766e',
  amber: '#b45309',
  red: '#b91c1c',
  purple: '#6d28d9',
  grey: '#4b5563',
};
