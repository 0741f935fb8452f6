import type * as React from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

export type FieldControlProps = {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

/** A field's error (announced with it through aria-describedby) and its hint, under the control. */
function FieldNotes({ errorId, error, hintId, hint }: { errorId?: string; error?: string; hintId?: string; hint?: React.ReactNode }) {
  return (
    <>
      {error ? (
        <p id={errorId} className="text-sm text-destructive" data-field-error>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </>
  );
}

/**
 * A row of fields side by side (three from md up). Its fields (`inRow`) share the row's grid lines: label, control,
 * error and hint each line up across the row, however many lines a neighbour's label wraps to.
 */
export const FIELD_ROW = "grid gap-4 md:grid-cols-3 md:gap-y-1.5";

/**
 * A labelled form field with its hint and its error. The control gets the id, aria-invalid and aria-describedby it
 * needs from the render prop, so a screen reader announces the error with the field.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  className,
  inRow = false,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
  /** Inside a FIELD_ROW. */
  inRow?: boolean;
  children: (control: FieldControlProps) => React.ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div
      className={cn("flex flex-col gap-1.5", inRow && "md:row-span-4 md:grid md:grid-rows-subgrid md:content-start md:gap-y-1.5", className)}
      data-field={id}
    >
      <Label htmlFor={id} className={inRow ? "md:self-end" : undefined}>
        {label}
      </Label>
      {children({ id, ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      <FieldNotes errorId={errorId} error={error} hintId={hintId} hint={hint} />
    </div>
  );
}

/** A group of checkboxes under one legend (capabilities, providers, geo scopes), with the group's error. */
export function CheckboxGroup<T extends string>({
  id,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  labelOf = (o) => o,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  error?: string;
  labelOf?: (option: T) => string;
}) {
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <fieldset
      className="flex flex-col gap-2"
      data-field={id}
      aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="mb-1.5 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {options.map((option) => {
          const optionId = `${id}-${option.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
          return (
            <Label key={option} htmlFor={optionId} className="font-normal">
              <Checkbox
                id={optionId}
                checked={value.includes(option)}
                onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))}
              />
              {labelOf(option)}
            </Label>
          );
        })}
      </div>
      <FieldNotes errorId={errorId} error={error} hintId={hintId} hint={hint} />
    </fieldset>
  );
}
