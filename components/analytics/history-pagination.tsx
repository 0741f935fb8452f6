import Link from "next/link";
import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatInteger } from "@/lib/format";
import { positionHref, type HistoryFilter } from "@/lib/history-filter";

/** Newest / newer / older / oldest, over keyset pages (see server/analytics/history.ts). */
export function HistoryPagination({
  filter,
  page,
  totalPages,
  firstId,
  lastId,
  hasNewer,
  hasOlder,
}: {
  filter: HistoryFilter;
  page: number;
  totalPages: number;
  /** Ids of the newest and oldest rows on this page. */
  firstId: number | null;
  lastId: number | null;
  hasNewer: boolean;
  hasOlder: boolean;
}) {
  const path = "/history";
  const link = (href: string | null, label: string, icon: React.ReactNode, text?: string) =>
    href ? (
      <Button asChild variant="outline" size="sm">
        <Link href={href} aria-label={label} scroll={false}>
          {icon}
          {text ? <span className="hidden sm:inline">{text}</span> : null}
        </Link>
      </Button>
    ) : (
      <Button variant="outline" size="sm" disabled aria-label={label}>
        {icon}
        {text ? <span className="hidden sm:inline">{text}</span> : null}
      </Button>
    );
  return (
    <nav aria-label="Pages of switches" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground" data-testid="history-page">
        Page {formatInteger(page)} of {formatInteger(totalPages)}
      </p>
      <div className="flex items-center gap-2">
        {link(hasNewer ? positionHref(path, filter, { kind: "first" }, 1) : null, "Newest page", <ChevronFirst aria-hidden="true" />)}
        {link(
          hasNewer && firstId !== null ? positionHref(path, filter, { kind: "newer", id: firstId }, Math.max(1, page - 1)) : null,
          "Newer page",
          <ChevronLeft aria-hidden="true" />,
          "Newer",
        )}
        {link(
          hasOlder && lastId !== null ? positionHref(path, filter, { kind: "older", id: lastId }, Math.min(totalPages, page + 1)) : null,
          "Older page",
          <ChevronRight aria-hidden="true" />,
          "Older",
        )}
        {link(hasOlder ? positionHref(path, filter, { kind: "last" }, totalPages) : null, "Oldest page", <ChevronLast aria-hidden="true" />)}
      </div>
    </nav>
  );
}
