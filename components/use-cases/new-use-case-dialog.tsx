"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { LoaderCircle, Plus } from "lucide-react";
import { createUseCaseAction } from "@/actions/dashboard";
import { labelForUseCase } from "@/lib/labels";
import { InlineAlert } from "@/components/switching/inline-alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { UseCase } from "@/lib/catalog-model";
import { queryKeys } from "@/lib/query-keys";
import { fieldErrorsOf } from "./action-result";
import { FormField } from "./form-field";
import { USE_CASE_PARAM } from "./params";
import { draftFromUseCase, policyInputFromDraft } from "./policy-draft";
import type { PolicyInput } from "@/lib/policy-schema";
import { useAction } from "@/components/use-action";

export type ModelOption = { modelId: string; name: string; provider: string };

/** No constraints at all: every enabled text model qualifies until the admin narrows it down. */
const OPEN_POLICY: PolicyInput = {
  objective: "balanced",
  minContext: null,
  maxInputPricePerMTok: null,
  maxOutputPricePerMTok: null,
  requiredCapabilities: ["text"],
  allowedProviders: [],
  allowedGeoScopes: [],
  excludeLegacy: true,
  candidates: [],
  allowAutoSwitch: true,
  allowUserChoice: false,
  cooldownSeconds: 300,
  monthlyInputTokens: 0,
  monthlyOutputTokens: 0,
  description: "",
};

function policyFrom(template: UseCase | undefined): PolicyInput {
  if (!template) return OPEN_POLICY;
  const r = policyInputFromDraft(draftFromUseCase(template));
  // A stored use case always converts; the open policy is only a fallback for the type.
  return r.ok ? { ...r.policy, candidates: [], monthlyInputTokens: 0, monthlyOutputTokens: 0 } : OPEN_POLICY;
}

/**
 * "New use case" (admins): a name, a description, the policy to start from (another use case's, or none) and the
 * first model. The full policy, the fallback chain and the volumes are edited on the page afterwards.
 */
export function NewUseCaseDialog({ templates, models }: { templates: UseCase[]; models: ModelOption[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [name, setName] = React.useState("");
  const [description, setDescription] = React.useState("");
  const [template, setTemplate] = React.useState(templates.find((t) => t.name === "general")?.name ?? "");
  const [modelId, setModelId] = React.useState("");
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  const { run: createUseCase, pending } = useAction(createUseCaseAction, {
    unreachableMessage: "The server could not be reached. Nothing was created; try again.",
  });

  React.useEffect(() => {
    if (open) return;
    setName("");
    setDescription("");
    setModelId("");
    setErrors({});
    setFormError(null);
  }, [open]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const policy = { ...policyFrom(templates.find((t) => t.name === template)), description };
    const result = await createUseCase({ name: name.trim(), currentModelId: modelId, policy });
    if (result.ok) {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.all });
      // A navigation, not only a refresh: the server renders the new list with the new use case selected.
      router.replace(`/use-cases?${USE_CASE_PARAM}=${encodeURIComponent(result.data.useCase.name)}`, { scroll: false });
      return;
    }
    const fields = fieldErrorsOf(result);
    setErrors(fields);
    const policyErrors = Object.entries(fields).filter(([k]) => k.startsWith("policy.") && k !== "policy.description");
    setFormError(
      policyErrors.length > 0
        ? `The starting policy was refused: ${policyErrors.map(([, m]) => m).join(" ")}`
        : Object.keys(fields).length > 0
          ? "Some fields need attention. Nothing was created."
          : result.error,
    );
  };

  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" />
        New use case
      </Button>
      <Dialog open={open} onOpenChange={(next) => (pending ? undefined : setOpen(next))}>
        <DialogContent className="sm:max-w-lg">
          <form onSubmit={submit} noValidate className="flex flex-col gap-4">
            <DialogHeader>
              <DialogTitle>New use case</DialogTitle>
              <DialogDescription>Start from another use case&apos;s policy and refine it afterwards, with the fallback chain and volumes.</DialogDescription>
            </DialogHeader>
            <FormField id="new-use-case-name" label="Name" hint="Lowercase, e.g. customer-support. Used by the API and the CLI." error={errors.name}>
              {(control) => <Input {...control} value={name} autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value)} />}
            </FormField>
            <FormField id="new-use-case-description" label="Description" error={errors["policy.description"]}>
              {(control) => <Input {...control} value={description} onChange={(e) => setDescription(e.target.value)} />}
            </FormField>
            <FormField id="new-use-case-template" label="Start from the policy of">
              {(control) => (
                <Select {...control} value={template} onChange={(e) => setTemplate(e.target.value)}>
                  <option value="">No constraints</option>
                  {templates.map((t) => (
                    <option key={t.name} value={t.name}>
                      {labelForUseCase(t.name)}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField id="new-use-case-model" label="First model" hint="Checked against the starting policy." error={errors.currentModelId}>
              {(control) => (
                <Select {...control} value={modelId} onChange={(e) => setModelId(e.target.value)}>
                  <option value="">Choose a model…</option>
                  {models.map((m) => (
                    <option key={m.modelId} value={m.modelId}>
                      {m.name} ({m.modelId})
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            {formError ? <InlineAlert tone="error">{formError}</InlineAlert> : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
                {pending ? "Creating…" : "Create"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
