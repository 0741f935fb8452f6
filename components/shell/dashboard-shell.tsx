import { Brand } from "./brand";
import { AppHeader } from "./app-header";
import type { RuntimeMode } from "./mode-badge";
import { SidebarNav } from "./sidebar-nav";
import type { ShellUser } from "./user-info";

export function DashboardShell({ user, mode, children }: { user: ShellUser; mode: RuntimeMode; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col gap-6 border-r border-sidebar-border bg-sidebar px-3 py-4 text-sidebar-foreground md:flex">
        <Brand className="px-3" />
        <SidebarNav isAdmin={user.role === "admin"} />
        <p className="mt-auto px-3 text-xs text-muted-foreground">Region {mode.region}</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader user={user} mode={mode} />
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-8">
          <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">{children}</div>
        </main>
      </div>
    </div>
  );
}
