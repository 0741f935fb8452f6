import type * as React from "react";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { cn } from "@/lib/utils";

const TONES = {
  error: { icon: CircleAlert, className: "border-destructive/40 bg-destructive/5 text-red-900 dark:text-red-200" },
  warning: { icon: TriangleAlert, className: "border-warning/50 bg-warning/10 text-amber-900 dark:text-amber-200" },
  success: { icon: CircleCheck, className: "border-success/40 bg-success/5 text-green-900 dark:text-green-200" },
  info: { icon: Info, className: "border-info/40 bg-info/5 text-blue-900 dark:text-blue-200" },
} as const;

type InlineAlertProps = Omit<React.ComponentProps<"div">, "title"> & {
  tone: keyof typeof TONES;
  title?: React.ReactNode;
  /** Buttons that resolve the situation, under the text. */
  action?: React.ReactNode;
};

/**
 * A message inside a form or dialog. Errors are role="alert" (read out at once); the other tones role="status".
 */
export function InlineAlert({ tone, title, action, className, children, ...props }: InlineAlertProps) {
  const { icon: Icon, className: toneClass } = TONES[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-slot="inline-alert"
      data-tone={tone}
      className={cn("flex gap-3 rounded-md border px-3 py-2.5 text-sm", toneClass, className)}
      {...props}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="flex flex-col gap-1">{children}</div> : null}
        {action ? <div className="flex flex-wrap gap-2 pt-1">{action}</div> : null}
      </div>
    </div>
  );
}
