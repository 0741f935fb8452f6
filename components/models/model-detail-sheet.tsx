"use client";

import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import type { CatalogModel, FactProvenance } from "@/lib/catalog-model";
import { formatDateTime } from "@/lib/format";
import type { UseCaseSummary } from "@/server/use-cases/summaries";
import { SOURCE_LABELS } from "@/lib/labels";
import { modelFactSections } from "./model-facts";
import { ModelSwitchPanel } from "./model-switch-panel";
import { ModelValidatePanel } from "./model-validate-panel";
import { modelDisplayName } from "@/lib/model-labels";

type ModelDetailSheetProps = {
  model: CatalogModel | null;
  today: string;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes when the panel closes (the row that opened it). */
  onCloseAutoFocus?: (event: Event) => void;
  /** Admins also get "switch a use case to this model"; staff validate. */
  role: "admin" | "analyst";
  useCases: UseCaseSummary[];
};

const sectionId = (title: string) => `facts-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

function Provenance({ entry }: { entry: FactProvenance[string] | undefined }) {
  if (!entry) return null;
  return (
    <p data-slot="fact-provenance" className="text-xs text-muted-foreground">
      <span className="sr-only">Source: </span>
      {entry.source} · {entry.ref} · {entry.asOf}
    </p>
  );
}

export function ModelDetailSheet({ model, today, onOpenChange, onCloseAutoFocus, role, useCases }: ModelDetailSheetProps) {
  return (
    <Sheet open={model !== null} onOpenChange={onOpenChange}>
      <SheetContent side="right" className="w-full gap-0 overflow-y-auto sm:max-w-xl" onCloseAutoFocus={onCloseAutoFocus} data-testid="model-detail">
        {model ? <ModelDetail key={model.modelId} model={model} today={today} role={role} useCases={useCases} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function ModelDetail({ model, today, role, useCases }: { model: CatalogModel; today: string; role: "admin" | "analyst"; useCases: UseCaseSummary[] }) {
  const sections = modelFactSections(model, today);
  const shown = new Set(sections.flatMap((s) => s.facts.map((f) => f.key)));
  // Provenance for a field this panel does not list (a future column) is still shown rather than dropped.
  const extra = Object.entries(model.provenance).filter(([key]) => !shown.has(key));

  return (
    <>
      <SheetHeader className="border-b">
        <SheetTitle className="text-lg">{modelDisplayName(model)}</SheetTitle>
        <SheetDescription className="font-mono text-xs break-all">{model.modelId}</SheetDescription>
        <p className="text-xs text-muted-foreground">
          Last updated {formatDateTime(model.sourceUpdatedAt)} from {SOURCE_LABELS[model.source] ?? model.source}.
        </p>
      </SheetHeader>

      <div className="flex flex-col gap-6 p-4">
        <section aria-labelledby="model-validate" className="flex flex-col gap-2">
          <h3 id="model-validate" className="text-sm font-semibold">
            Validate
          </h3>
          <ModelValidatePanel modelId={model.modelId} useCases={useCases.map((u) => u.name)} />
        </section>

        {role === "admin" ? (
          <section aria-labelledby="model-switch" className="flex flex-col gap-2">
            <h3 id="model-switch" className="text-sm font-semibold">
              Switch
            </h3>
            <ModelSwitchPanel model={model} useCases={useCases} />
          </section>
        ) : null}

        {sections.map((section) => (
          <section key={section.title} aria-labelledby={sectionId(section.title)} className="flex flex-col gap-2">
            <h3 id={sectionId(section.title)} className="text-sm font-semibold">
              {section.title}
            </h3>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-3 rounded-lg border p-3 sm:grid-cols-[10rem_1fr]">
              {section.facts.map((fact) => (
                <div key={fact.key} data-fact={fact.key} className="contents">
                  <dt className="text-sm text-muted-foreground">{fact.label}</dt>
                  <dd className="flex min-w-0 flex-col gap-1 text-sm">
                    <div>{fact.value}</div>
                    <Provenance entry={model.provenance[fact.key]} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}

        {extra.length > 0 ? (
          <section aria-labelledby="facts-other" className="flex flex-col gap-2">
            <h3 id="facts-other" className="text-sm font-semibold">
              Other sourced facts
            </h3>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-3 rounded-lg border p-3 sm:grid-cols-[10rem_1fr]">
              {extra.map(([key, entry]) => (
                <div key={key} data-fact={key} className="contents">
                  <dt className="font-mono text-xs text-muted-foreground">{key}</dt>
                  <dd>
                    <Provenance entry={entry} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ) : null}

        <section aria-labelledby="facts-record" className="flex flex-col gap-2">
          <h3 id="facts-record" className="text-sm font-semibold">
            Record
          </h3>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-3 rounded-lg border p-3 sm:grid-cols-[10rem_1fr]">
            <div data-fact="sourceUpdatedAt" className="contents">
              <dt className="text-sm text-muted-foreground">Last updated</dt>
              <dd className="text-sm">{formatDateTime(model.sourceUpdatedAt)}</dd>
            </div>
            <div data-fact="source" className="contents">
              <dt className="text-sm text-muted-foreground">Updated from</dt>
              <dd className="text-sm">
                {model.source} ({SOURCE_LABELS[model.source] ?? model.source})
              </dd>
            </div>
          </dl>
        </section>
      </div>
    </>
  );
}
