import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Costs" blocks={["h-28", "h-72", "h-64"]} />;
}
