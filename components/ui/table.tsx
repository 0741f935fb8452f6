import type * as React from "react";
import { cn } from "@/lib/utils";

/**
 * A table in a container that scrolls sideways when the columns do not fit (phones). The container is a labelled,
 * focusable region so keyboard users can scroll it; on narrow screens the first column stays pinned and a shadow on
 * the right edge says more columns follow (it disappears once scrolled to the end: the cover scrolls with the content).
 */
function Table({ className, containerClassName, "aria-label": ariaLabel, ...props }: React.ComponentProps<"table"> & { containerClassName?: string }) {
  return (
    <section
      data-slot="table-container"
      aria-label={ariaLabel ?? "Table (scrolls sideways)"}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
      tabIndex={0}
      className={cn(
        "relative w-full overflow-x-auto outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
        "bg-no-repeat [background-attachment:local,scroll] [background-size:2.5rem_100%,1rem_100%] [background-position:right,right]",
        "[background-image:linear-gradient(to_left,var(--background),var(--background)_40%,transparent),linear-gradient(to_left,color-mix(in_oklab,var(--foreground)_14%,transparent),transparent)]",
        "max-md:[&_tr>*:first-child]:sticky max-md:[&_tr>*:first-child]:left-0 max-md:[&_tr>*:first-child]:z-[1] max-md:[&_tr>*:first-child]:bg-background",
        "max-md:[&_tr>*:first-child]:max-w-[45vw] max-md:[&_tr>*:first-child]:shadow-[1px_0_0_var(--border)]",
        // Cells keep a readable width on a phone (the table scrolls) instead of wrapping into tall rows.
        "max-md:[&_td]:min-w-28",
        containerClassName,
      )}
    >
      <table data-slot="table" className={cn("w-full caption-bottom text-sm", className)} {...props} />
    </section>
  );
}

function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("[&_tr]:border-b", className)} {...props} />;
}

function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

function TableFooter({ className, ...props }: React.ComponentProps<"tfoot">) {
  return <tfoot data-slot="table-footer" className={cn("border-t bg-muted/50 font-medium [&>tr]:last:border-b-0", className)} {...props} />;
}

function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return <tr data-slot="table-row" className={cn("border-b transition-colors hover:bg-muted/50 data-[state=selected]:bg-muted", className)} {...props} />;
}

function TableHead({ className, ...props }: React.ComponentProps<"th">) {
  return (
    <th
      data-slot="table-head"
      className={cn("h-10 px-2 text-left align-middle font-medium whitespace-nowrap text-muted-foreground [&:has([role=checkbox])]:pr-0", className)}
      {...props}
    />
  );
}

function TableCell({ className, ...props }: React.ComponentProps<"td">) {
  return <td data-slot="table-cell" className={cn("p-2 align-middle [&:has([role=checkbox])]:pr-0", className)} {...props} />;
}

function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return <caption data-slot="table-caption" className={cn("mt-4 text-sm text-muted-foreground", className)} {...props} />;
}

export { Table, TableHeader, TableBody, TableFooter, TableHead, TableRow, TableCell, TableCaption };
