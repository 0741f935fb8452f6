import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Chat" blocks={["h-16", "h-96"]} />;
}
