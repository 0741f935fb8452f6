// Terminal output: colours written by hand (no dependency), aligned tables, token counts. Prices use the pages' own
// formatter (lib/format.ts formatPrice).
import { stripVTControlCharacters } from "node:util";

export type Paint = (text: string) => string;
export type Palette = { green: Paint; red: Paint; yellow: Paint; blue: Paint; dim: Paint; bold: Paint; enabled: boolean };

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { green: plain, red: plain, yellow: plain, blue: plain, dim: plain, bold: plain, enabled };
  return { green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), dim: sgr(2, 22), bold: sgr(1, 22), enabled };
}

export type ColorChoice = "always" | "never" | "auto";

/**
 * Whether a stream gets colours: --no-color, then --color, then NO_COLOR (set to anything), then FORCE_COLOR
 * (anything but "0"), then whether the stream is a terminal (and not TERM=dumb).
 */
export function wantsColor(choice: ColorChoice, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (choice !== "auto") return choice === "always";
  if (env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return isTTY && env.TERM !== "dumb";
}

export const visibleLength = (text: string): number => [...stripVTControlCharacters(text)].length;

export type Align = "left" | "right";
export type Column = { header: string; align?: Align };

/** Rows under a dim header, columns two spaces apart, padded by visible width so colours do not skew them. */
export function table(columns: Column[], rows: string[][], p: Palette, indent = ""): string[] {
  const widths = columns.map((c, i) => Math.max(visibleLength(c.header), ...rows.map((r) => visibleLength(r[i] ?? ""))));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => {
        const pad = " ".repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(cell)));
        return columns[i]?.align === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [p.dim(line(columns.map((c) => c.header))), ...rows.map(line)];
}

/** "1M", "300K", "8.2K", "512". */
export function tokens(n: number): string {
  const short = (x: number) => (Math.round(x * 10) / 10).toString();
  if (Math.abs(n) >= 1_000_000) return `${short(n / 1_000_000)}M`;
  if (Math.abs(n) >= 1_000) return `${short(n / 1_000)}K`;
  return String(n);
}

/** "2026-08-22 14:03:07 UTC". */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** Cuts at a word boundary near `max` characters and marks the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, "")}…`;
}

/** "81.0": scores always with one decimal so a column of them lines up. */
export const score = (n: number): string => n.toFixed(1);

export const MARK = { pass: "✓", warn: "!", fail: "✗" } as const;

/**
 * A sentence made to fit a table cell: first without a trailing explanation ("(...): data may leave the EU"), then
 * without parentheticals, then cut at a word.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const clause = text.replace(/\):\s.*$/, ")");
  if (clause.length <= max) return clause;
  const bare = clause.replace(/\s*\([^()]*\)/g, "");
  return bare.length <= max ? bare : truncate(bare, max);
}
