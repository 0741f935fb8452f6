// Chart colours are the CSS variables of app/globals.css (--chart-1 … --chart-8), so both themes restyle every
// chart without a re-render. SVG presentation attributes accept var(), which is what recharts writes.

export const CHART_COLOR_COUNT = 8;

/** The n-th categorical colour (0-based); the eighth is kept for "Other". */
export function chartColor(n: number): string {
  return `var(--chart-${(Math.abs(Math.trunc(n)) % (CHART_COLOR_COUNT - 1)) + 1})`;
}

/** The neutral slate of the palette, for "Other". */
export const OTHER_COLOR = "var(--chart-8)";

/** The switch types keep the colours of their toasts: auto green, manual blue, fallback amber. */
export const SWITCH_TYPE_COLORS = {
  auto: "var(--chart-2)",
  manual: "var(--chart-1)",
  fallback: "var(--chart-3)",
} as const;
