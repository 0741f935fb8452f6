import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Use cases" blocks={["h-40", "h-40", "h-40"]} />;
}
