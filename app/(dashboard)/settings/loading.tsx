import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Settings" blocks={["h-48", "h-48"]} />;
}
