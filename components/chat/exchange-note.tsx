import { ArrowRightLeft, TriangleAlert } from "lucide-react";
import { labelForUseCase } from "@/lib/labels";
import type { ExchangeNote } from "./use-send-message";

/** A line in the conversation where its model changed: an auto-switch (green) or a fallback (amber). */
export function ExchangeNoteLine({ note }: { note: ExchangeNote }) {
  if (note.kind === "auto") {
    const { info } = note;
    return (
      <li className="flex justify-center" data-note="auto">
        <p className="inline-flex max-w-full items-center gap-1.5 rounded-full border border-success/30 bg-success/10 px-3 py-1 text-xs text-green-800 dark:text-success">
          <ArrowRightLeft aria-hidden="true" className="size-3.5 shrink-0" />
          <span>
            Switched to <strong className="font-semibold">{info.to.name}</strong>: this message reads as {labelForUseCase(info.useCase).toLowerCase()} (
            {Math.round(info.confidence * 100)}% confidence).
          </span>
        </p>
      </li>
    );
  }
  const { info } = note;
  return (
    <li className="flex justify-center" data-note="fallback">
      <p className="inline-flex max-w-full items-center gap-1.5 rounded-full border border-warning/40 bg-warning/15 px-3 py-1 text-xs text-amber-800 dark:text-warning">
        <TriangleAlert aria-hidden="true" className="size-3.5 shrink-0" />
        <span>
          {info.from.name} was unavailable ({info.errorCode}); <strong className="font-semibold">{info.to.name}</strong> answered instead.
        </span>
      </p>
    </li>
  );
}
