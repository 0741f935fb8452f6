"use client";

import { useEffect, useId, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { UpdatingStatus } from "./updating-status";
import { labelForUseCase } from "@/lib/labels";
import { SWITCH_TYPE_LABELS, SWITCH_TYPES, type HistoryFilter } from "@/lib/history-filter";
import { FilterField } from "@/components/ui/filter-field";

type Option = { id: string; label: string };
type Values = { from: string; to: string; useCase: string; model: string; type: string; user: string };

function valuesOf(f: HistoryFilter): Values {
  return { from: f.from, to: f.to, useCase: f.useCase ?? "", model: f.model ?? "", type: f.type ?? "", user: f.user ?? "" };
}

/**
 * The History filters: a GET form on /history, so it works without script and every view is a shareable URL.
 * With script, a select applies at once and dates apply with the button or Enter, as a client navigation (empty
 * fields are left out of the URL).
 */
export function HistoryFilters({
  filter,
  useCases,
  models,
  users,
  moreUsers,
}: {
  filter: HistoryFilter;
  useCases: readonly string[];
  models: readonly Option[];
  users: readonly { id: string; name: string; email: string }[];
  moreUsers: boolean;
}) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [values, setValues] = useState<Values>(() => valuesOf(filter));

  // The URL's filter changed (a submit, back/forward, a link): show what the page shows. The controls stay mounted,
  // so keyboard focus stays where it was.
  const shown = JSON.stringify(valuesOf(filter));
  useEffect(() => {
    setValues(JSON.parse(shown) as Values);
  }, [shown]);

  const apply = (next: Values) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value.trim()) params.set(key, value.trim());
    startTransition(() => router.push(`/history?${params.toString()}`, { scroll: false }));
  };
  const set = (key: keyof Values, applyNow: boolean) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const next = { ...values, [key]: e.target.value };
    setValues(next);
    if (applyNow) apply(next);
  };

  return (
    <search aria-label="Filter switches">
      <form
        method="get"
        action="/history"
        aria-label="Filter switches"
        onSubmit={(e) => {
          e.preventDefault();
          apply(values);
        }}
        className="grid grid-cols-2 items-end gap-3 md:grid-cols-3 xl:grid-cols-[repeat(2,minmax(9rem,1fr))_repeat(4,minmax(0,1.3fr))_auto]"
      >
        <FilterField label="From" htmlFor={`${id}-from`}>
          <Input id={`${id}-from`} name="from" type="date" value={values.from} onChange={set("from", false)} max={values.to || undefined} required />
        </FilterField>
        <FilterField label="To" htmlFor={`${id}-to`}>
          <Input id={`${id}-to`} name="to" type="date" value={values.to} onChange={set("to", false)} min={values.from || undefined} required />
        </FilterField>
        <FilterField label="Use case" htmlFor={`${id}-use-case`}>
          <Select id={`${id}-use-case`} name="useCase" value={values.useCase} onChange={set("useCase", true)}>
            <option value="">All use cases</option>
            {useCases.map((u) => (
              <option key={u} value={u}>
                {labelForUseCase(u)}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Switched to" htmlFor={`${id}-model`}>
          <Select id={`${id}-model`} name="model" value={values.model} onChange={set("model", true)}>
            <option value="">Any model</option>
            {filter.model && !models.some((m) => m.id === filter.model) ? <option value={filter.model}>{filter.model}</option> : null}
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Type" htmlFor={`${id}-type`}>
          <Select id={`${id}-type`} name="type" value={values.type} onChange={set("type", true)}>
            <option value="">All types</option>
            {SWITCH_TYPES.map((t) => (
              <option key={t} value={t}>
                {SWITCH_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="User" htmlFor={`${id}-user`}>
          <Select id={`${id}-user`} name="user" value={values.user} onChange={set("user", true)}>
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
            {moreUsers ? (
              <option value="" disabled>
                More users: open a switch row to filter by its user
              </option>
            ) : null}
          </Select>
        </FilterField>
        <div className="col-span-2 flex items-center gap-2 md:col-span-3 xl:col-span-1">
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          <Button asChild variant="ghost" size="sm">
            <Link href="/history" scroll={false}>
              <X aria-hidden="true" />
              Reset
            </Link>
          </Button>
          <UpdatingStatus pending={pending} />
        </div>
      </form>
    </search>
  );
}
