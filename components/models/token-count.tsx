import { formatTokensCompact, formatTokensExact } from "@/lib/format";

/** "300K", with the exact count ("300,000 tokens") in the title. */
export function TokenCount({ value }: { value: number }) {
  return (
    <span title={formatTokensExact(value)} data-value={value}>
      {formatTokensCompact(value)}
    </span>
  );
}
