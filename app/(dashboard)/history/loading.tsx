import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="History" blocks={["h-10", "h-[28rem]"]} />;
}
