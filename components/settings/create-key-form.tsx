"use client";

import { useState } from "react";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createKeyAction } from "@/actions/settings";
import { API_KEY_NAME_MAX, type CreatedApiKey } from "@/lib/api-keys";
import { NewKeyDialog } from "./new-key-dialog";

/** Name and optional use cases in; the new key's secrets out, once, in a dialog. */
export function CreateKeyForm({ useCaseNames }: { useCaseNames: string[] }) {
  const [name, setName] = useState("");
  const [useCases, setUseCases] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const { run: createKey, pending } = useAction(createKeyAction);

  const toggle = (useCase: string, on: boolean) => setUseCases((prev) => (on ? [...prev, useCase] : prev.filter((u) => u !== useCase)));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await createKey({ name, useCases });
    if (!r.ok) {
      const fieldErrors = r.fieldErrors ?? (r.details as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
      setErrors(fieldErrors ?? { form: r.error });
      return;
    }
    setErrors({});
    setName("");
    setUseCases([]);
    setCreated(r.data);
  };

  return (
    <>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label="Create an API key">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="key-name">Name</Label>
          <Input
            id="key-name"
            value={name}
            maxLength={API_KEY_NAME_MAX}
            placeholder="checkout-service"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "key-name-error" : "key-name-hint"}
            className="max-w-sm"
          />
          {errors.name ? (
            <p id="key-name-error" className="text-sm text-destructive">
              {errors.name}
            </p>
          ) : (
            <p id="key-name-hint" className="text-xs text-muted-foreground">
              Who or what uses it, up to {API_KEY_NAME_MAX} characters.
            </p>
          )}
        </div>
        <fieldset className="flex flex-col gap-1.5" aria-describedby={errors.useCases ? "key-use-cases-error" : "key-use-cases-hint"}>
          <legend className="text-sm font-medium">Use cases</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2 pt-1">
            {useCaseNames.map((u) => (
              <div key={u} className="flex items-center gap-2">
                <Checkbox id={`key-use-case-${u}`} checked={useCases.includes(u)} onChange={(e) => toggle(u, e.target.checked)} />
                <Label htmlFor={`key-use-case-${u}`} className="font-normal">
                  {u}
                </Label>
              </div>
            ))}
          </div>
          {errors.useCases ? (
            <p id="key-use-cases-error" className="text-sm text-destructive">
              {errors.useCases}
            </p>
          ) : (
            <p id="key-use-cases-hint" className="text-xs text-muted-foreground">
              None ticked: the key may call every use case.
            </p>
          )}
        </fieldset>
        {errors.form ? <p className="text-sm text-destructive">{errors.form}</p> : null}
        <Button type="submit" className="self-start" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
      <NewKeyDialog created={created} onClose={() => setCreated(null)} />
    </>
  );
}
