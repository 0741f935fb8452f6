"use client";

import { useState } from "react";

/**
 * "Show data": a native <details> (keyboard and screen readers need nothing more) whose table is mounted only once
 * opened, so a page with several charts does not carry thousands of hidden table cells.
 */
export function DataDisclosure({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="group text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50">
        <span className="group-open:hidden">Show data</span>
        <span className="hidden group-open:inline">Hide data</span>
      </summary>
      {open ? <div className="mt-3 max-h-96 overflow-auto rounded-md border">{children}</div> : null}
    </details>
  );
}
