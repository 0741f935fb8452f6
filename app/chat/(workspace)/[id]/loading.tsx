import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Conversation" blocks={["h-12", "h-64", "h-24"]} />;
}
