// Formatting shared by pages and client components. Deterministic (fixed locale, UTC) so that the server render and
// the browser's hydration produce the same text.

const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compactFractionFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** "$16.50", "$0.30", "$0.078": at least two decimals, up to four so that sub-cent prices keep their digits. */
export function formatPrice(usd: number): string {
  const negative = usd < 0;
  const fixed = Math.abs(usd).toFixed(4).replace(/0+$/, "");
  const [whole = "0", fraction = ""] = fixed.split(".");
  const grouped = integerFormat.format(Number(whole));
  return `${negative ? "-" : ""}$${grouped}.${fraction.padEnd(2, "0")}`;
}

/** "$0.078/MTok". */
export function formatPricePerMTok(usd: number): string {
  return `${formatPrice(usd)}/MTok`;
}

/** "300,000". */
export function formatInteger(n: number): string {
  return integerFormat.format(n);
}

/** Token counts in short form: "300K", "1M", "8.2K", "512". Pair with `formatInteger` in a title for the exact value. */
export function formatTokensCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1_000_000) return `${compactFractionFormat.format(n / 1_000_000)}M`;
  if (abs >= 1_000) return `${compactFractionFormat.format(n / 1_000)}K`;
  return integerFormat.format(n);
}

/** "300,000 tokens". */
export function formatTokensExact(n: number): string {
  return `${formatInteger(n)} ${n === 1 ? "token" : "tokens"}`;
}

/** A calendar date as YYYY-MM-DD (catalog facts are dated this way). Accepts a date or a full ISO timestamp. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "—";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().slice(0, 10);
}

/** "2026-08-22 14:03 UTC". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "1 day", "45 days". */
export function formatDays(n: number): string {
  return `${n} ${Math.abs(n) === 1 ? "day" : "days"}`;
}

/** "Nova Lite, Nova Pro" for lists of short strings; "—" when empty. */
export function formatList(items: readonly string[]): string {
  return items.length ? items.join(", ") : "—";
}

// ---- Money: the one formatter for dollar amounts (bills, differences, shares) ------------------------------------

const MINUS = "\u2212";
const oneDecimalFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const centsFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$12,345" from $1,000 up, "$123.45" below, "−$5.10" for negatives. */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const text = abs >= 1000 ? integerFormat.format(Math.round(abs)) : centsFormat.format(abs);
  return `${usd < 0 && abs >= 0.005 ? MINUS : ""}$${text}`;
}

/** "+$1,234" / "−$56.10" / "$0.00": a signed difference. */
export function formatUsdDelta(usd: number): string {
  if (Math.abs(usd) < 0.005) return "$0.00";
  return `${usd > 0 ? "+" : ""}${formatUsd(usd)}`;
}

/** "41.2%", "−3.5%" ("+3.5%" when signed), "—" for null. */
const wholePctFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatPct(pct: number | null, signed = false): string {
  if (pct === null || !Number.isFinite(pct)) return "—";
  if (Math.abs(pct) < 0.05) return "0.0%";
  // From 100% on, whole and grouped ("+7,279%"): a tenth no longer matters there.
  const abs = Math.abs(pct);
  const text = `${abs >= 100 ? wholePctFormat.format(abs) : oneDecimalFormat.format(abs)}%`;
  if (pct < 0) return `${MINUS}${text}`;
  return signed ? `+${text}` : text;
}

/** "+$1,234/month (+12.0%)", "−$56.10/month (−3.5%)", or "No change ($0.00/month)". */
export function formatCostImpact(impact: { deltaUsd: number; deltaPct: number | null }): string {
  // Below half a cent a month the difference is noise from float arithmetic, not a real change.
  if (Math.abs(impact.deltaUsd) < 0.005) return "No change ($0.00/month)";
  const pct = impact.deltaPct === null ? "" : ` (${formatPct(impact.deltaPct, true)})`;
  return `${formatUsdDelta(impact.deltaUsd)}/month${pct}`;
}
