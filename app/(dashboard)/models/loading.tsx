import { PageSkeleton } from "@/components/shell/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Models" blocks={["h-10", "h-[28rem]"]} />;
}
