"use client";

import { useId } from "react";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { GEO_SCOPES, type GeoScope } from "@/lib/catalog-model";
import { SORT_OPTIONS, type ExplorerState, type SortKey } from "./explorer-state";
import { GEO_SCOPE_LABELS, labelForUseCase } from "@/lib/labels";
import { LIFECYCLE_FILTER_LABELS, LIFECYCLE_FILTERS, type LifecycleKind } from "./lifecycle";
import { FilterField } from "@/components/ui/filter-field";

type ModelsFiltersProps = {
  state: ExplorerState;
  onChange: (patch: Partial<ExplorerState>) => void;
  providers: readonly string[];
  useCases: readonly string[];
  /** Shown only while a filter is active. */
  onReset?: () => void;
};

export function ModelsFilters({ state, onChange, providers, useCases, onReset }: ModelsFiltersProps) {
  const id = useId();
  const ids = {
    q: `${id}-q`,
    provider: `${id}-provider`,
    useCase: `${id}-use-case`,
    scope: `${id}-scope`,
    lifecycle: `${id}-lifecycle`,
    sort: `${id}-sort`,
    disabled: `${id}-disabled`,
  };

  return (
    <search
      aria-label="Filter models"
      className="grid grid-cols-2 items-end gap-3 lg:grid-cols-5 xl:grid-cols-[minmax(14rem,2fr)_repeat(4,minmax(0,1fr))_minmax(15.5rem,1.6fr)]"
    >
      <div className="col-span-2 lg:col-span-5 xl:col-span-1">
        <FilterField label="Search models" htmlFor={ids.q}>
          <div className="relative">
            <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              id={ids.q}
              type="search"
              placeholder="Name, model id or provider"
              autoComplete="off"
              spellCheck={false}
              value={state.q}
              onChange={(e) => onChange({ q: e.target.value })}
              className="pl-8"
            />
          </div>
        </FilterField>
      </div>

      <FilterField label="Provider" htmlFor={ids.provider}>
        <Select id={ids.provider} value={state.provider} onChange={(e) => onChange({ provider: e.target.value })}>
          <option value="">All</option>
          {providers.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
      </FilterField>

      <FilterField label="Use case" htmlFor={ids.useCase}>
        <Select id={ids.useCase} value={state.useCase} onChange={(e) => onChange({ useCase: e.target.value })}>
          <option value="">All</option>
          {useCases.map((u) => (
            <option key={u} value={u}>
              {labelForUseCase(u)}
            </option>
          ))}
        </Select>
      </FilterField>

      <FilterField label="Geo scope" htmlFor={ids.scope}>
        <Select id={ids.scope} value={state.scope} onChange={(e) => onChange({ scope: e.target.value as GeoScope | "" })}>
          <option value="">All</option>
          {GEO_SCOPES.map((s) => (
            <option key={s} value={s}>
              {GEO_SCOPE_LABELS[s]}
            </option>
          ))}
        </Select>
      </FilterField>

      <FilterField label="Lifecycle" htmlFor={ids.lifecycle}>
        <Select id={ids.lifecycle} value={state.lifecycle} onChange={(e) => onChange({ lifecycle: e.target.value as LifecycleKind | "" })}>
          <option value="">All</option>
          {LIFECYCLE_FILTERS.map((l) => (
            <option key={l} value={l}>
              {LIFECYCLE_FILTER_LABELS[l]}
            </option>
          ))}
        </Select>
      </FilterField>

      <div className="col-span-2 lg:col-span-1">
        <FilterField label="Sort by" htmlFor={ids.sort}>
          <Select id={ids.sort} value={state.sort} onChange={(e) => onChange({ sort: e.target.value as SortKey })}>
            {SORT_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </FilterField>
      </div>

      <div className="col-span-2 flex flex-wrap items-center gap-x-4 gap-y-2 lg:col-span-5 xl:col-span-6">
        <div className="flex items-center gap-2">
          <Checkbox id={ids.disabled} checked={state.showDisabled} onChange={(e) => onChange({ showDisabled: e.target.checked })} />
          <Label htmlFor={ids.disabled} className="font-normal">
            Show disabled
          </Label>
        </div>
        {onReset ? (
          <Button type="button" variant="ghost" size="sm" onClick={onReset}>
            <X aria-hidden="true" />
            Reset filters
          </Button>
        ) : null}
      </div>
    </search>
  );
}
