import { Brand } from "./brand";
import { MobileNav } from "./mobile-nav";
import { ModeBadge, type RuntimeMode } from "./mode-badge";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";
import { UserInfo, type ShellUser } from "./user-info";

export function AppHeader({ user, mode }: { user: ShellUser; mode: RuntimeMode }) {
  return (
    <header className="sticky top-0 z-40 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6">
      <MobileNav
        isAdmin={user.role === "admin"}
        footer={
          <div className="flex flex-col gap-3">
            <UserInfo user={user} className="justify-between [&>div]:text-left" />
            <ModeBadge mode={mode} withTooltip={false} />
          </div>
        }
      />
      <Brand className="md:hidden" />
      <div className="ml-auto flex items-center gap-2 md:gap-3">
        <ModeBadge mode={mode} className="hidden md:inline-flex" />
        <ThemeToggle />
        <UserInfo user={user} className="hidden sm:flex" />
        <SignOutButton />
      </div>
    </header>
  );
}
