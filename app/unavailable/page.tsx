import type { Metadata } from "next";
import Link from "next/link";
import { CloudOff } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Sign-in unavailable" };

// Where pages send a visitor whose session could not be checked because the sign-in service (Supabase Auth) did not
// answer (server/auth/session.ts, sessionUserForPage). Not a sign-out: their session is kept; they try again later.
export default function UnavailablePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg items-center px-4">
      <EmptyState
        className="w-full"
        role="alert"
        data-testid="auth-unavailable"
        icon={<CloudOff />}
        title={<span className="text-lg">Sign-in is unavailable</span>}
        description="Switchboard could not reach the sign-in service to check your session. You have not been signed out; try again in a moment."
        action={
          <Button asChild>
            <Link href="/">Try again</Link>
          </Button>
        }
      />
    </main>
  );
}
