"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { updatePolicyAction } from "@/actions/dashboard";
import { geoScopeLabel } from "@/lib/labels";
import { InlineAlert } from "@/components/switching/inline-alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { CAPABILITIES, GEO_SCOPES, POLICY_OBJECTIVES, type UseCase } from "@/lib/catalog-model";
import { formatTokensCompact } from "@/lib/format";
import { queryKeys } from "@/lib/query-keys";
import { fieldErrorsOf, underPrefix } from "./action-result";
import { CheckboxGroup, FIELD_ROW, FormField } from "./form-field";
import { draftFromUseCase, draftsEqual, policyInputFromDraft, type PolicyDraft } from "./policy-draft";
import { useAction } from "@/components/use-action";

const OBJECTIVE_LABELS = {
  quality: "Quality: the best model the constraints allow",
  balanced: "Balanced: quality and price weigh the same",
  cost: "Cost: the cheapest model that fits",
} as const;

const textareaClass =
  "min-h-16 w-full rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-50 dark:bg-input/30 focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive aria-invalid:ring-destructive/20";

type Conflict = { message: string; fresh: UseCase };

/** "1.6B" is not a formatTokensCompact step; the hint under a volume field reads the number back in words. */
function volumeHint(value: string): string {
  const n = Number(value.replace(/[,_\s]/g, ""));
  if (!value.trim() || !Number.isFinite(n)) return "Tokens per month; used for cost estimates.";
  return n >= 1e9 ? `${(n / 1e9).toLocaleString("en-US", { maximumFractionDigits: 2 })}B tokens a month` : `${formatTokensCompact(n)} tokens a month`;
}

/** Candidate errors arrive per line ("candidates.2"); the textarea shows them together, numbered as lines. */
function candidateErrors(errors: Record<string, string>): string | undefined {
  const lines = Object.entries(errors)
    .filter(([k]) => k === "candidates" || k.startsWith("candidates."))
    .map(([k, m]) => (k === "candidates" ? m : `Line ${Number(k.split(".")[1]) + 1}: ${m}`));
  return lines.length > 0 ? lines.join(" ") : undefined;
}

/**
 * The policy editor: every field of the use case's policy, saved with the version it was loaded at. Admins edit;
 * analysts see the same form read-only. Errors come back per field; a conflict keeps the draft and says what changed.
 */
export function PolicyEditor({ useCase, providers, canEdit }: { useCase: UseCase; providers: string[]; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [base, setBase] = React.useState<UseCase>(useCase);
  const [draft, setDraft] = React.useState<PolicyDraft>(() => draftFromUseCase(useCase));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  const [warnings, setWarnings] = React.useState<string[]>([]);
  const [saved, setSaved] = React.useState<string | null>(null);
  const [conflict, setConflict] = React.useState<Conflict | null>(null);
  const { run: updatePolicy, pending } = useAction(updatePolicyAction, {
    unreachableMessage: "The server could not be reached. Nothing was saved; try again.",
  });
  const id = (field: string) => `policy-${useCase.name}-${field}`;

  const dirty = !draftsEqual(draft, draftFromUseCase(base));

  // Fresh server data replaces an untouched form; a form with edits keeps them (the save decides, by version).
  // Adjusted while rendering, as React advises for state that follows a prop.
  const [seenUseCase, setSeenUseCase] = React.useState(useCase);
  if (useCase !== seenUseCase) {
    setSeenUseCase(useCase);
    if ((useCase.version !== base.version || useCase.name !== base.name) && !dirty) {
      setBase(useCase);
      setDraft(draftFromUseCase(useCase));
    }
  }

  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(null);
  };

  const reset = (to: UseCase) => {
    setBase(to);
    setDraft(draftFromUseCase(to));
    setErrors({});
    setFormError(null);
    setConflict(null);
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!canEdit || pending) return;
    setSaved(null);
    setFormError(null);
    setWarnings([]);
    const input = policyInputFromDraft(draft);
    if (!input.ok) {
      setErrors(input.fieldErrors);
      setFormError("Some fields need attention. Nothing was saved.");
      return;
    }
    const result = await updatePolicy({ name: base.name, expectedVersion: base.version, policy: input.policy });
    if (result.ok) {
      reset(result.data.useCase);
      setWarnings(result.data.warnings);
      setSaved("Policy saved.");
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.detail(base.name) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.ranked(base.name) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.overview.all });
      return;
    }
    if (result.code === "conflict") {
      const fresh = (result.details as { useCase?: UseCase } | undefined)?.useCase;
      setErrors({});
      if (fresh) setConflict({ message: result.error, fresh });
      else setFormError(result.error);
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.detail(base.name) });
      return;
    }
    const fields = underPrefix(fieldErrorsOf(result), "policy");
    setErrors(fields);
    setFormError(Object.keys(fields).length > 0 ? "Some fields need attention. Nothing was saved." : result.error);
  };

  const numberField = (
    field: "minContext" | "maxInputPricePerMTok" | "maxOutputPricePerMTok" | "cooldownSeconds" | "monthlyInputTokens" | "monthlyOutputTokens",
    label: string,
    hint: React.ReactNode,
    props: React.ComponentProps<"input"> = {},
  ) => (
    <FormField id={id(field)} label={label} hint={hint} error={errors[field]} inRow>
      {(control) => <Input {...control} {...props} name={field} inputMode="decimal" value={draft[field]} onChange={(e) => set(field, e.target.value)} />}
    </FormField>
  );

  return (
    <form onSubmit={save} noValidate className="flex flex-col gap-5" aria-label={`Policy of ${useCase.name}`} data-testid="policy-editor">
      {!canEdit ? <p className="text-sm text-muted-foreground">Read-only: only admins change a policy.</p> : null}
      <fieldset
        disabled={!canEdit || pending}
        data-readonly={canEdit ? undefined : true}
        // Read-only (an analyst) is for reading: full-strength values and labels, the ticked boxes in the accent colour.
        className="flex flex-col gap-5 data-readonly:[&_:disabled]:opacity-100! data-readonly:[&_label]:opacity-100! data-readonly:[&_:disabled]:cursor-default!"
      >
        {/* One column: the objective's whole label and the whole description show at every width. */}
        <div className="grid gap-4">
          <FormField id={id("objective")} label="Objective" error={errors.objective}>
            {(control) => (
              <Select {...control} value={draft.objective} onChange={(e) => set("objective", e.target.value as PolicyDraft["objective"])}>
                {POLICY_OBJECTIVES.map((o) => (
                  <option key={o} value={o}>
                    {OBJECTIVE_LABELS[o]}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id={id("description")} label="Description" error={errors.description}>
            {(control) => (
              // Grows with its text (field-sizing: content), so the whole description is always in view.
              <textarea
                {...control}
                rows={2}
                className={`${textareaClass} field-sizing-content`}
                value={draft.description}
                onChange={(e) => set("description", e.target.value)}
              />
            )}
          </FormField>
        </div>

        <section aria-labelledby={id("constraints")} className="flex flex-col gap-4">
          <h4 id={id("constraints")} className="text-sm font-semibold">
            Constraints
          </h4>
          <div className={FIELD_ROW}>
            {numberField("minContext", "Minimum context (tokens)", "Empty: no minimum.", { placeholder: "e.g. 200000" })}
            {numberField("maxInputPricePerMTok", "Maximum input price ($/MTok)", "Empty: no ceiling.", { placeholder: "none" })}
            {numberField("maxOutputPricePerMTok", "Maximum output price ($/MTok)", "Empty: no ceiling.", { placeholder: "none" })}
          </div>
          <CheckboxGroup
            id={id("requiredCapabilities")}
            legend="Required capabilities"
            options={CAPABILITIES}
            value={draft.requiredCapabilities}
            onChange={(v) => set("requiredCapabilities", v)}
            error={errors.requiredCapabilities}
          />
          <CheckboxGroup
            id={id("allowedGeoScopes")}
            legend="Allowed geo scopes (data residency)"
            hint="None ticked: any geo scope. Global profiles may process data outside the EU."
            options={GEO_SCOPES}
            value={draft.allowedGeoScopes}
            onChange={(v) => set("allowedGeoScopes", v)}
            error={errors.allowedGeoScopes}
            labelOf={geoScopeLabel}
          />
          <CheckboxGroup
            id={id("allowedProviders")}
            legend="Allowed providers"
            hint="None ticked: any provider."
            options={[...new Set([...providers, ...draft.allowedProviders])]}
            value={draft.allowedProviders}
            onChange={(v) => set("allowedProviders", v)}
            error={errors.allowedProviders}
          />
          <Label htmlFor={id("excludeLegacy")} className="font-normal">
            <Checkbox id={id("excludeLegacy")} checked={draft.excludeLegacy} onChange={(e) => set("excludeLegacy", e.target.checked)} />
            Exclude legacy models
          </Label>
        </section>

        <section aria-labelledby={id("choice")} className="flex flex-col gap-4">
          <h4 id={id("choice")} className="text-sm font-semibold">
            Candidates and switching
          </h4>
          <FormField
            id={id("candidates")}
            label="Candidates, in order of preference"
            hint="One model id (or base model id) per line. Empty: every model that fits is a candidate."
            error={candidateErrors(errors)}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                spellCheck={false}
                className={`${textareaClass} font-mono text-xs`}
                value={draft.candidates}
                onChange={(e) => set("candidates", e.target.value)}
              />
            )}
          </FormField>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            <Label htmlFor={id("allowAutoSwitch")} className="font-normal">
              <Checkbox id={id("allowAutoSwitch")} checked={draft.allowAutoSwitch} onChange={(e) => set("allowAutoSwitch", e.target.checked)} />
              Allow auto-switching
            </Label>
            <Label htmlFor={id("allowUserChoice")} className="font-normal">
              <Checkbox id={id("allowUserChoice")} checked={draft.allowUserChoice} onChange={(e) => set("allowUserChoice", e.target.checked)} />
              Let end users choose their conversation&apos;s model
            </Label>
          </div>
          <div className={FIELD_ROW}>
            {numberField("cooldownSeconds", "Cooldown after a failure (seconds)", "0 to 86,400. A failing model is skipped this long.")}
            {numberField("monthlyInputTokens", "Monthly input tokens", volumeHint(draft.monthlyInputTokens))}
            {numberField("monthlyOutputTokens", "Monthly output tokens", volumeHint(draft.monthlyOutputTokens))}
          </div>
        </section>
      </fieldset>

      {conflict ? (
        <InlineAlert
          tone="error"
          data-testid="policy-conflict"
          title="Someone else changed this use case meanwhile."
          action={
            <>
              <Button type="button" size="sm" variant="outline" onClick={() => reset(conflict.fresh)}>
                Discard my edits and load theirs
              </Button>
              <Button
                type="button"
                size="sm"
                onClick={() => {
                  // Keep the draft and rebase it: the next save knowingly replaces their version.
                  setBase(conflict.fresh);
                  setConflict(null);
                }}
              >
                Keep my edits
              </Button>
            </>
          }
        >
          {conflict.message}
        </InlineAlert>
      ) : null}

      {formError ? (
        <InlineAlert tone="error" data-testid="policy-error">
          {formError}
        </InlineAlert>
      ) : null}
      {warnings.map((w) => (
        <InlineAlert key={w} tone="warning" data-testid="policy-warning">
          {w}
        </InlineAlert>
      ))}
      {saved ? (
        <InlineAlert tone="success" data-testid="policy-saved">
          {saved}
        </InlineAlert>
      ) : null}

      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={pending || conflict !== null}>
            {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
            {pending ? "Saving…" : "Save policy"}
          </Button>
          <Button type="button" variant="outline" disabled={pending || (!dirty && Object.keys(errors).length === 0)} onClick={() => reset(base)}>
            Reset
          </Button>
          <span className="text-xs text-muted-foreground">
            Version {base.version}
            {dirty ? " · unsaved changes" : ""}
          </span>
        </div>
      ) : null}
    </form>
  );
}
