"use client";

import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Save and Reset under a list editor (fallback chain, traffic split), with the unsaved-changes hint. */
export function SaveBar({
  label,
  pending,
  dirty,
  onSave,
  onReset,
}: {
  label: string;
  pending: boolean;
  dirty: boolean;
  onSave: () => void;
  onReset: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" onClick={onSave} disabled={pending || !dirty}>
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        {pending ? "Saving…" : label}
      </Button>
      <Button type="button" variant="outline" onClick={onReset} disabled={pending || !dirty}>
        Reset
      </Button>
      {dirty ? <span className="text-xs text-muted-foreground">Unsaved changes</span> : null}
    </div>
  );
}
