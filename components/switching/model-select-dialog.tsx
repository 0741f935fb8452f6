"use client";

import * as React from "react";
import { LoaderCircle, Search, Snowflake } from "lucide-react";
import { UseCaseBadges } from "@/components/switching/use-case-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { formatDateTime, formatPrice } from "@/lib/format";
import { cn } from "@/lib/utils";
import { InlineAlert } from "./inline-alert";
import type { RankedModel } from "./types";

type ModelSelectDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The use case whose policy decides which models are allowed. */
  useCase: string;
  /** What is being switched, for the title: "health", "this conversation". */
  scopeLabel: string;
  currentModelId: string;
  /** Ranked as get-for-use-case returns them; null while loading. */
  models: RankedModel[] | null;
  loadError?: string | null;
  onRetry?: () => void;
  onSelect: (model: RankedModel) => void;
  /** Where focus goes when the dialog closes (a flow of dialogs decides: useReturnFocus). */
  onCloseAutoFocus?: (event: Event) => void;
};

// How long typed characters on the list add up to one type-ahead search.
const TYPEAHEAD_MS = 600;

function matches(model: RankedModel, query: string): boolean {
  if (!query) return true;
  const haystack = `${model.name} ${model.modelId} ${model.provider} ${model.useCases.join(" ")}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * The model selection dialog: the models the use case's policy allows, best first, the current one marked.
 * A combobox-with-listbox: focus stays in the search box while ↑ ↓ Home End move the active option and Enter picks it;
 * the list itself takes the same keys (and type-ahead) when it has focus. Models the policy excludes are listed
 * collapsed with their reasons and cannot be picked.
 */
export function ModelSelectDialog({
  open,
  onOpenChange,
  useCase,
  scopeLabel,
  currentModelId,
  models,
  loadError,
  onRetry,
  onSelect,
  onCloseAutoFocus,
}: ModelSelectDialogProps) {
  const [query, setQuery] = React.useState("");
  const [activeId, setActiveId] = React.useState<string | null>(null);
  const listId = React.useId();
  const listRef = React.useRef<HTMLDivElement>(null);
  const typeahead = React.useRef({ text: "", at: 0 });

  const eligible = React.useMemo(() => (models ?? []).filter((m) => m.eligible && matches(m, query)), [models, query]);
  const excluded = React.useMemo(() => (models ?? []).filter((m) => !m.eligible && matches(m, query)), [models, query]);

  // Start on the best model that is not the current one: that is what someone opening this dialog most likely wants.
  React.useEffect(() => {
    if (!open) return;
    setActiveId((prev) => {
      if (prev && eligible.some((m) => m.modelId === prev)) return prev;
      return (eligible.find((m) => m.modelId !== currentModelId) ?? eligible[0])?.modelId ?? null;
    });
  }, [open, eligible, currentModelId]);

  React.useEffect(() => {
    if (!open) {
      setQuery("");
      setActiveId(null);
    }
  }, [open]);

  // Keep the active option in view as the keyboard moves it.
  React.useEffect(() => {
    if (!activeId || !listRef.current) return;
    const el = listRef.current.querySelector<HTMLElement>(`[data-model-id="${CSS.escape(activeId)}"]`);
    el?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  const optionId = (modelId: string) => `${listId}-opt-${modelId.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
  const activeIndex = eligible.findIndex((m) => m.modelId === activeId);

  const choose = (model: RankedModel | undefined) => {
    if (!model || model.modelId === currentModelId) return;
    onSelect(model);
  };

  const move = (index: number) => {
    if (eligible.length === 0) return;
    const clamped = Math.max(0, Math.min(eligible.length - 1, index));
    setActiveId(eligible[clamped]!.modelId);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>, fromList: boolean) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(activeIndex < 0 ? 0 : activeIndex + 1);
        return;
      case "ArrowUp":
        event.preventDefault();
        move(activeIndex < 0 ? eligible.length - 1 : activeIndex - 1);
        return;
      case "Home":
        event.preventDefault();
        move(0);
        return;
      case "End":
        event.preventDefault();
        move(eligible.length - 1);
        return;
      case "PageDown":
        event.preventDefault();
        move(activeIndex + 5);
        return;
      case "PageUp":
        event.preventDefault();
        move(activeIndex - 5);
        return;
      case "Enter":
      case " ":
        // Space types into the search box; on the list it picks, as in a native listbox.
        if (event.key === " " && !fromList) return;
        event.preventDefault();
        choose(eligible[activeIndex]);
        return;
    }
    if (fromList && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const now = Date.now();
      const t = typeahead.current;
      t.text = now - t.at > TYPEAHEAD_MS ? event.key.toLowerCase() : t.text + event.key.toLowerCase();
      t.at = now;
      const hit = eligible.find((m) => m.name.toLowerCase().startsWith(t.text));
      if (hit) setActiveId(hit.modelId);
    }
  };

  const active = eligible[activeIndex];
  const activeDescendant = active ? optionId(active.modelId) : undefined;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="flex max-h-[85vh] flex-col gap-3 sm:max-w-2xl" data-testid="model-select-dialog" onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader>
          <DialogTitle>Choose a model for {scopeLabel}</DialogTitle>
          <DialogDescription>Models the {useCase} policy allows, best first. Use ↑ ↓ to move and Enter to choose.</DialogDescription>
        </DialogHeader>

        <div className="relative">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            role="combobox"
            aria-label="Search models"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeDescendant}
            placeholder="Search by name, id, provider or use case"
            className="pl-8"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => onKeyDown(e, false)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>

        {loadError ? (
          <InlineAlert
            tone="error"
            title="The models could not be loaded."
            action={
              onRetry ? (
                <Button type="button" size="sm" variant="outline" onClick={onRetry}>
                  Try again
                </Button>
              ) : null
            }
          >
            {loadError}
          </InlineAlert>
        ) : models === null ? (
          <p role="status" className="flex items-center gap-2 py-8 text-sm text-muted-foreground">
            <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> Loading the models allowed for {useCase}…
          </p>
        ) : (
          <div className="-mx-1 flex min-h-0 flex-col gap-3 overflow-y-auto px-1">
            <div
              ref={listRef}
              id={listId}
              role="listbox"
              aria-label={`Models allowed for ${useCase}`}
              aria-activedescendant={activeDescendant}
              tabIndex={0}
              onKeyDown={(e) => onKeyDown(e, true)}
              className="flex flex-col gap-1 rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              {eligible.length === 0 ? (
                <p className="px-3 py-6 text-center text-sm text-muted-foreground">
                  {query ? "No allowed model matches this search." : `No model fits the ${useCase} policy right now.`}
                </p>
              ) : (
                eligible.map((model) => (
                  <ModelOption
                    key={model.modelId}
                    id={optionId(model.modelId)}
                    model={model}
                    active={model.modelId === activeId}
                    current={model.modelId === currentModelId}
                    onPointerMove={() => setActiveId(model.modelId)}
                    onClick={() => choose(model)}
                  />
                ))
              )}
            </div>

            {excluded.length > 0 ? (
              <details className="rounded-md border px-3 py-2 text-sm" data-testid="ineligible-models">
                <summary className="cursor-pointer rounded-sm text-muted-foreground outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
                  Not allowed for {useCase} ({excluded.length})
                </summary>
                <ul className="mt-2 flex flex-col gap-2">
                  {excluded.map((model) => (
                    <li key={model.modelId} data-model-id={model.modelId} className="flex flex-col gap-0.5">
                      <span className="font-medium">
                        {model.name}
                        {model.modelId === currentModelId ? (
                          <Badge variant="outline" className="ml-2">
                            Current
                          </Badge>
                        ) : null}
                      </span>
                      <span className="font-mono text-xs text-muted-foreground">{model.modelId}</span>
                      <span className="text-xs text-muted-foreground">{model.reasons.join("; ")}</span>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function ModelOption({
  id,
  model,
  active,
  current,
  onPointerMove,
  onClick,
}: {
  id: string;
  model: RankedModel;
  active: boolean;
  current: boolean;
  onPointerMove: () => void;
  onClick: () => void;
}) {
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: a combobox's option: focus stays in the search box, which moves aria-activedescendant.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard is handled by the search box (arrows, Enter), as the combobox pattern asks.
    <div
      id={id}
      role="option"
      aria-selected={active}
      aria-disabled={current || undefined}
      data-model-id={model.modelId}
      data-active={active || undefined}
      data-current={current || undefined}
      onPointerMove={onPointerMove}
      onClick={onClick}
      className={cn(
        "flex cursor-pointer flex-col gap-1 rounded-md border border-transparent px-3 py-2 text-sm",
        active && "border-ring bg-accent ring-[3px] ring-ring/40",
        current && "cursor-default",
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{model.name}</span>
        {current ? <Badge variant="info">Current</Badge> : null}
        {model.coolingDownUntil ? (
          <Badge variant="warning">
            <Snowflake aria-hidden="true" />
            Cooling down until {formatDateTime(model.coolingDownUntil)}
          </Badge>
        ) : null}
        <span className="ml-auto text-xs text-muted-foreground tabular-nums">
          Score <span className="font-medium text-foreground">{model.score.toFixed(1)}</span>
        </span>
      </div>
      <span className="font-mono text-xs break-all text-muted-foreground">{model.modelId}</span>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <span>{model.provider}</span>
        <span className="tabular-nums">
          {formatPrice(model.inputPricePerMTok)} in · {formatPrice(model.outputPricePerMTok)} out per MTok
        </span>
        <UseCaseBadges useCases={model.useCases} />
      </div>
      {current ? <span className="text-xs text-muted-foreground">Already in use.</span> : null}
    </div>
  );
}
