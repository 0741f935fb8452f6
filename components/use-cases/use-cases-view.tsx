"use client";

import * as React from "react";
import type { UseCaseDetail } from "@/server/use-cases/detail";
import { USE_CASE_PARAM } from "./params";
import { UseCaseCard } from "./use-case-card";
import { UseCasePanel } from "./use-case-panel";
import type { RankedModels } from "./use-ranked-models";

type UseCasesViewProps = {
  details: UseCaseDetail[];
  ranked: Record<string, RankedModels>;
  providers: string[];
  isAdmin: boolean;
  /** From the URL (?useCase=health), checked by the server against the list. */
  initialSelected: string;
};

/** The use-case cards, and below them the selected use case's policy, auto-switch, fallback chain and cooldowns. */
export function UseCasesView({ details, ranked, providers, isAdmin, initialSelected }: UseCasesViewProps) {
  const [selected, setSelected] = React.useState(initialSelected);
  const panelRef = React.useRef<HTMLDivElement>(null);
  // A navigation to ?useCase=… (after creating one) selects it; a refresh with the same selection changes nothing.
  React.useEffect(() => setSelected(initialSelected), [initialSelected]);
  const current = details.find((d) => d.useCase.name === selected) ?? details[0];

  const select = (name: string) => {
    setSelected(name);
    // The selection lives in the URL so a reload or a shared link opens the same use case; no server round trip.
    const url = new URL(window.location.href);
    url.searchParams.set(USE_CASE_PARAM, name);
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}`);
    requestAnimationFrame(() => panelRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }));
  };

  return (
    <div className="flex flex-col gap-8">
      <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-4">
        {details.map((d) => (
          <UseCaseCard
            key={d.useCase.name}
            initial={d}
            isAdmin={isAdmin}
            selected={d.useCase.name === current?.useCase.name}
            onManage={() => select(d.useCase.name)}
          />
        ))}
      </div>
      <div ref={panelRef} className="scroll-mt-4">
        {current ? (
          <UseCasePanel key={current.useCase.name} initial={current} initialRanked={ranked[current.useCase.name]!} providers={providers} isAdmin={isAdmin} />
        ) : null}
      </div>
    </div>
  );
}
