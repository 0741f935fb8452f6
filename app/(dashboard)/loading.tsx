import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Overview" blocks={["h-28", "h-64", "h-64"]} />;
}
