"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { CatalogModel } from "@/lib/catalog-model";
import type { UseCaseSummary } from "@/server/use-cases/summaries";
import { applyState, DEFAULT_STATE, filterOptions, hasActiveFilters, MODEL_PARAM, parseState, serializeState, type ExplorerState } from "./explorer-state";
import { ModelDetailSheet } from "./model-detail-sheet";
import { ModelsFilters } from "./models-filters";
import { ModelsTable } from "./models-table";

type ModelsExplorerProps = {
  models: CatalogModel[];
  /** YYYY-MM-DD from the server, so lifecycle badges agree between the server render and hydration. */
  today: string;
  /** The signed-in staff member's role: the detail panel offers switching to admins only. */
  role: "admin" | "analyst";
  /** Use cases with their current model, for validate and switch in the detail panel. */
  useCases: UseCaseSummary[];
};

/** The catalog with client-side search, filters, sort and a detail panel; the view lives in the URL. */
export function ModelsExplorer({ models, today, role, useCases }: ModelsExplorerProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const options = useMemo(() => filterOptions(models), [models]);

  const [state, setState] = useState<ExplorerState>(() => parseState(searchParams, options));
  const [selectedId, setSelectedId] = useState<string | null>(() => {
    const id = searchParams.get(MODEL_PARAM);
    return id && models.some((m) => m.modelId === id) ? id : null;
  });
  const returnFocusTo = useRef<HTMLElement | null>(null);

  // Mirror the view into the query string so it can be shared and survives a reload. The native History API
  // updates the URL (and useSearchParams) without a server round trip, which router.replace would make on every
  // keystroke for this dynamic page; replaceState never scrolls. Typing is debounced to keep history calls rare.
  useEffect(() => {
    const write = () => {
      const query = serializeState(state, new URLSearchParams(window.location.search), selectedId);
      const next = query ? `${pathname}?${query}` : pathname;
      if (next !== `${window.location.pathname}${window.location.search}`) {
        window.history.replaceState(window.history.state, "", next);
      }
    };
    const timer = window.setTimeout(write, 150);
    return () => window.clearTimeout(timer);
  }, [state, selectedId, pathname]);

  const visible = useMemo(() => applyState(models, state, today), [models, state, today]);
  const selected = useMemo(() => (selectedId ? (models.find((m) => m.modelId === selectedId) ?? null) : null), [models, selectedId]);

  const update = useCallback((patch: Partial<ExplorerState>) => setState((s) => ({ ...s, ...patch })), []);
  // Sort order is a preference, not a filter: clearing keeps it.
  const clearFilters = useCallback(() => setState((s) => ({ ...DEFAULT_STATE, sort: s.sort })), []);

  const openModel = useCallback((modelId: string, trigger: HTMLElement | null) => {
    returnFocusTo.current = trigger;
    setSelectedId(modelId);
  }, []);

  const filtered = hasActiveFilters(state);

  return (
    <div className="flex flex-col gap-4">
      <ModelsFilters state={state} onChange={update} providers={options.providers} useCases={options.useCases} onReset={filtered ? clearFilters : undefined} />

      <p role="status" data-testid="results-count" className="text-sm text-muted-foreground">
        {visible.length} of {models.length} models
      </p>

      {visible.length > 0 ? (
        <ModelsTable models={visible} today={today} selectedModelId={selectedId} onSelect={openModel} />
      ) : (
        <EmptyState
          icon={<SearchX />}
          title="No models match"
          description={
            state.showDisabled
              ? "Nothing in the catalog fits this search and these filters."
              : "Nothing enabled fits this search and these filters. Disabled entries are hidden; tick “Show disabled” to include them."
          }
          action={
            <Button type="button" variant="outline" onClick={clearFilters}>
              Clear filters
            </Button>
          }
        />
      )}

      <ModelDetailSheet
        model={selected}
        today={today}
        role={role}
        useCases={useCases}
        onOpenChange={(open) => {
          if (!open) setSelectedId(null);
        }}
        onCloseAutoFocus={(event) => {
          // The panel has no trigger of its own; send focus back to the row that opened it.
          const target = returnFocusTo.current;
          if (target?.isConnected) {
            event.preventDefault();
            target.focus();
          }
        }}
      />
    </div>
  );
}
