import "server-only";

// Details end up in the UI, the CLI and API error payloads, so numbers are formatted once, the same way everywhere.
// Prices use lib/format.ts's formatPricePerMTok, the same as the pages.

const tokensFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatTokens(n: number): string {
  return tokensFormat.format(n);
}

export function formatList(items: readonly string[]): string {
  return items.join(", ");
}

export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** The price the ranking compares: prompts are usually longer than answers, so input counts three times. */
export function blendedPricePerMTok(model: { inputPricePerMTok: number; outputPricePerMTok: number }): number {
  return (3 * model.inputPricePerMTok + model.outputPricePerMTok) / 4;
}
