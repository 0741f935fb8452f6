"use client";

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CatalogModel } from "@/lib/catalog-model";
import { formatPrice } from "@/lib/format";
import { cn } from "@/lib/utils";
import { LifecycleBadge } from "./lifecycle-badge";
import { ScopeBadge } from "./scope-badge";
import { TokenCount } from "./token-count";
import { UseCaseBadges } from "@/components/switching/use-case-badges";
import { isEmbeddingModel, modelDisplayName } from "@/lib/model-labels";

/** An embedding model answers with vectors: no output tokens, so no output price (not "$0.00"). */
function NoOutput() {
  return <span className="text-muted-foreground">No output tokens</span>;
}

type ModelsTableProps = {
  models: readonly CatalogModel[];
  today: string;
  selectedModelId: string | null;
  /** `trigger` is the element focus returns to when the detail panel closes. */
  onSelect: (modelId: string, trigger: HTMLElement | null) => void;
};

export function ModelsTable({ models, today, selectedModelId, onSelect }: ModelsTableProps) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableCaption className="sr-only">Bedrock catalog. Select a model to see every fact about it and where each fact came from.</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="pl-4">Model</TableHead>
            <TableHead>Provider</TableHead>
            <TableHead>Scope</TableHead>
            <TableHead className="text-right">Input $/MTok</TableHead>
            <TableHead className="text-right">Output $/MTok</TableHead>
            <TableHead className="text-right">Context</TableHead>
            <TableHead className="text-right">Max output</TableHead>
            <TableHead>Lifecycle</TableHead>
            <TableHead className="pr-4">Use cases</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {models.map((model) => (
            <TableRow
              key={model.modelId}
              data-model-id={model.modelId}
              data-state={model.modelId === selectedModelId ? "selected" : undefined}
              // The button in the first cell is the keyboard and screen-reader path; the row is a bigger mouse target.
              onClick={(e) => onSelect(model.modelId, e.currentTarget.querySelector("button"))}
              className={cn("cursor-pointer", !model.enabled && "text-muted-foreground")}
            >
              <TableCell className="pl-4">
                <button
                  type="button"
                  onClick={(e) => {
                    e.stopPropagation();
                    onSelect(model.modelId, e.currentTarget);
                  }}
                  className="flex flex-col items-start gap-0.5 rounded-sm text-left outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
                >
                  <span className="flex items-center gap-2 font-medium text-foreground">
                    {modelDisplayName(model)}
                    {!model.enabled ? (
                      <Badge variant="outline" className="font-normal text-muted-foreground">
                        Disabled
                      </Badge>
                    ) : null}
                  </span>
                  <span className="font-mono text-xs break-all text-muted-foreground md:break-normal md:whitespace-nowrap">{model.modelId}</span>
                </button>
              </TableCell>
              <TableCell>{model.provider}</TableCell>
              <TableCell>
                <ScopeBadge scope={model.geoScope} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatPrice(model.inputPricePerMTok)}</TableCell>
              <TableCell className="text-right tabular-nums" data-cell="output-price">
                {isEmbeddingModel(model) ? <NoOutput /> : formatPrice(model.outputPricePerMTok)}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                <TokenCount value={model.contextWindow} />
              </TableCell>
              <TableCell className="text-right tabular-nums" data-cell="max-output">
                {isEmbeddingModel(model) ? <span className="text-muted-foreground">Embedding model</span> : <TokenCount value={model.maxOutputTokens} />}
              </TableCell>
              <TableCell>
                <LifecycleBadge model={model} today={today} />
              </TableCell>
              <TableCell className="pr-4">
                <UseCaseBadges useCases={model.useCases} className="min-w-36" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
