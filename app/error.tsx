"use client";

import { useEffect } from "react";
import Link from "next/link";
import { CircleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-lg items-center px-4">
      <EmptyState
        className="w-full"
        role="alert"
        icon={<CircleAlert />}
        title={<span className="text-lg">Something went wrong</span>}
        description={
          <>
            The page could not be loaded. Try again; if it keeps failing, the server log has the details
            {digest ? (
              <>
                {" "}
                under reference <code className="font-mono">{digest}</code>
              </>
            ) : null}
            .
          </>
        }
        action={
          <div className="flex gap-2">
            <Button onClick={() => retry()}>Try again</Button>
            <Button variant="outline" asChild>
              <Link href="/">Go to Overview</Link>
            </Button>
          </div>
        }
      />
    </main>
  );
}
