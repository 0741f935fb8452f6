"use client";

import { useId, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { UpdatingStatus } from "./updating-status";

/** A labelled period choice that lives in the URL (`param`), applied as a client navigation; other params reset. */
export function PeriodSelect({
  value,
  options,
  param = "range",
  label = "Period",
}: {
  value: string;
  options: readonly { value: string; label: string }[];
  param?: string;
  label?: string;
}) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-end gap-2">
      <div className="flex w-48 flex-col gap-1.5">
        <Label htmlFor={id} className="text-xs text-muted-foreground">
          {label}
        </Label>
        <Select
          id={id}
          value={value}
          onChange={(e) => {
            const params = new URLSearchParams(search.toString());
            params.set(param, e.target.value);
            params.delete("usersPage");
            startTransition(() => router.push(`${pathname}?${params.toString()}`, { scroll: false }));
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      <UpdatingStatus pending={pending} className="h-9" />
    </div>
  );
}
