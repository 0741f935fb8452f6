import { Badge } from "@/components/ui/badge";
import type { CatalogModel } from "@/lib/catalog-model";
import { formatDate, formatList, formatPricePerMTok, formatTokensCompact, formatTokensExact } from "@/lib/format";
import { GEO_SCOPE_DESCRIPTIONS, geoScopeLabel } from "@/lib/labels";
import { describeLifecycle, LifecycleBadge } from "./lifecycle-badge";
import { ScopeBadge } from "./scope-badge";
import { UseCaseBadges } from "@/components/switching/use-case-badges";
import { isEmbeddingModel, modelDisplayName } from "@/lib/model-labels";

// Every fact of a catalog entry, grouped for the detail panel. `key` is the CatalogModel field, which is also the key
// of its provenance record.

export type Fact = { key: string; label: string; value: React.ReactNode };
export type FactSection = { title: string; facts: Fact[] };

const mono = (text: string) => <span className="font-mono text-xs break-all">{text}</span>;
const yesNo = (value: boolean) => (value ? "Yes" : "No");
const price = (usd: number | null) => (usd === null ? <span className="text-muted-foreground">Not known</span> : formatPricePerMTok(usd));
const tokens = (n: number) => `${formatTokensCompact(n)} (${formatTokensExact(n)})`;
const list = (items: readonly string[]) => formatList(items);

const noOutput = <span className="text-muted-foreground">No output tokens: an embedding model answers with vectors</span>;

export function modelFactSections(model: CatalogModel, today: string): FactSection[] {
  const description = describeLifecycle(model, today);
  const embedding = isEmbeddingModel(model);
  return [
    {
      title: "Identity",
      facts: [
        { key: "name", label: "Name", value: modelDisplayName(model) },
        { key: "modelId", label: "Model ID", value: mono(model.modelId) },
        { key: "baseModelId", label: "Base model ID", value: mono(model.baseModelId) },
        { key: "provider", label: "Provider", value: model.provider },
        { key: "qualityTier", label: "Quality tier", value: `${model.qualityTier} of 5` },
        {
          key: "enabled",
          label: "Enabled",
          value: model.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="outline">Disabled</Badge>,
        },
      ],
    },
    {
      title: "Availability",
      facts: [
        { key: "region", label: "Region", value: mono(model.region) },
        {
          key: "geoScope",
          label: "Geo scope",
          value: (
            <span className="flex flex-col items-start gap-1">
              <ScopeBadge scope={model.geoScope} />
              <span className="text-xs text-muted-foreground">{GEO_SCOPE_DESCRIPTIONS[model.geoScope] ?? geoScopeLabel(model.geoScope)}</span>
            </span>
          ),
        },
        {
          key: "destinationRegions",
          label: "Destination regions",
          value: mono(list(model.destinationRegions)),
        },
      ],
    },
    {
      title: "Prices per million tokens",
      facts: [
        { key: "inputPricePerMTok", label: "Input", value: formatPricePerMTok(model.inputPricePerMTok) },
        { key: "outputPricePerMTok", label: "Output", value: embedding ? noOutput : formatPricePerMTok(model.outputPricePerMTok) },
        { key: "cacheReadPricePerMTok", label: "Cache read", value: price(model.cacheReadPricePerMTok) },
        { key: "cacheWritePricePerMTok", label: "Cache write", value: price(model.cacheWritePricePerMTok) },
      ],
    },
    {
      title: "Limits",
      facts: [
        { key: "contextWindow", label: "Context window", value: tokens(model.contextWindow) },
        { key: "maxOutputTokens", label: "Max output", value: embedding ? noOutput : tokens(model.maxOutputTokens) },
      ],
    },
    {
      title: "Capabilities",
      facts: [
        { key: "inputModalities", label: "Input modalities", value: list(model.inputModalities) },
        { key: "outputModalities", label: "Output modalities", value: list(model.outputModalities) },
        { key: "capabilities", label: "Capabilities", value: list(model.capabilities) },
        { key: "streamingSupported", label: "Streaming", value: yesNo(model.streamingSupported) },
      ],
    },
    {
      title: "Lifecycle",
      facts: [
        {
          key: "lifecycleStatus",
          label: "Status",
          value: (
            <span className="flex flex-col items-start gap-1">
              <LifecycleBadge model={model} today={today} />
              {description !== "Active" ? <span className="text-xs text-muted-foreground">{description}</span> : null}
            </span>
          ),
        },
        { key: "legacyDate", label: "Legacy date", value: formatDate(model.legacyDate) },
        { key: "endOfLifeDate", label: "End-of-life date", value: formatDate(model.endOfLifeDate) },
      ],
    },
    {
      title: "Use",
      facts: [
        { key: "useCases", label: "Use cases", value: <UseCaseBadges useCases={model.useCases} /> },
        {
          key: "notes",
          label: "Notes",
          value: model.notes ? <span className="whitespace-pre-line">{model.notes}</span> : <span className="text-muted-foreground">None</span>,
        },
      ],
    },
  ];
}
