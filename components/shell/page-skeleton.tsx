import { Skeleton } from "@/components/ui/skeleton";

/**
 * What a route shows at once while its server render loads (the routes' loading.tsx): the page's title and grey
 * blocks in the shape of its content, announced as loading to screen readers.
 */
export function PageSkeleton({ title, blocks = ["h-28", "h-72"] }: { title: string; blocks?: string[] }) {
  return (
    <div role="status" aria-busy="true" aria-label={`Loading ${title}`} data-testid="page-skeleton" className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p className="text-2xl font-semibold tracking-tight text-muted-foreground">{title}</p>
        <Skeleton className="h-4 w-full max-w-md" />
      </div>
      {blocks.map((height, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder blocks that never reorder.
        <Skeleton key={i} className={`${height} w-full`} />
      ))}
    </div>
  );
}
