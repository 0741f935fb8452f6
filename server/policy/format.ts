import "server-only";

// Details end up in the UI, the CLI and API error payloads, so numbers are formatted once, the same way everywhere.

const tokensFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatTokens(n: number): string {
  return tokensFormat.format(n);
}

/**
 * "$16.50", "$0.30", "$0.046": cents for a dollar and up, more digits below, so a sub-cent price does not read as $0.05.
 */
export function formatPrice(usd: number): string {
  const digits = Math.abs(usd) >= 1 ? 2 : Math.abs(usd) >= 0.1 ? 3 : 4;
  let text = usd.toFixed(digits).replace(/0+$/, "");
  const [whole = "0", fraction = ""] = text.split(".");
  text = `${whole}.${fraction.padEnd(2, "0")}`;
  return `$${text}`;
}

export function formatPricePerMTok(usd: number): string {
  return `${formatPrice(usd)}/MTok`;
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
