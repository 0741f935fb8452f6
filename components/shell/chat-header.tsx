import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Brand } from "./brand";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";
import { UserInfo, type ShellUser } from "./user-info";

/** Header of the end-user pages: no sidebar, a way back to the dashboard for staff. */
export function ChatHeader({ user }: { user: ShellUser }) {
  const staff = user.role === "admin" || user.role === "analyst";
  return (
    <header className="sticky top-0 z-40 flex h-14 min-w-0 items-center gap-2 sm:gap-3 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6">
      <Brand href="/chat" />
      {staff ? (
        <Button variant="ghost" size="sm" asChild>
          <Link href="/">
            <ArrowLeft aria-hidden="true" />
            {/* On a phone the arrow alone, so Sign out stays on screen. */}
            <span className="max-sm:sr-only">Back to dashboard</span>
          </Link>
        </Button>
      ) : null}
      <div className="ml-auto flex items-center gap-2 md:gap-3">
        <ThemeToggle />
        <UserInfo user={user} className="hidden sm:flex" />
        <SignOutButton />
      </div>
    </header>
  );
}
