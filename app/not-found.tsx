import Link from "next/link";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg items-center px-4">
      <EmptyState
        className="w-full"
        icon={<SearchX />}
        title={<span className="text-lg">Page not found</span>}
        description="The page you asked for does not exist or has moved."
        action={
          <Button asChild>
            <Link href="/">Go to Switchboard</Link>
          </Button>
        }
      />
    </main>
  );
}
