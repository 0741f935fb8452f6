// The one cost formula: tokens at per-million-token prices. Client-safe; the invocation log, the cost estimates and
// the switch dialogs all price with it.
export type TokenCounts = { inputTokens: number; outputTokens: number };
export type TokenPrices = { inputPricePerMTok: number; outputPricePerMTok: number };

/** (input tokens × input price + output tokens × output price) / 1,000,000, in USD. */
export function tokenCostUsd(tokens: TokenCounts, prices: TokenPrices): number {
  return (tokens.inputTokens * prices.inputPricePerMTok + tokens.outputTokens * prices.outputPricePerMTok) / 1_000_000;
}
