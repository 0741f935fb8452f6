import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { AccountRole } from "@/lib/enums";

export type ShellUser = { name: string; email: string; role: AccountRole };

export const ROLE_LABELS: Record<ShellUser["role"], string> = {
  admin: "Admin",
  analyst: "Analyst",
  user: "End user",
};

export function RoleBadge({ role, className }: { role: ShellUser["role"]; className?: string }) {
  return (
    <Badge variant={role === "admin" ? "info" : role === "analyst" ? "secondary" : "outline"} data-testid="role-badge" className={className}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}

/** The signed-in user's name, email and role. */
export function UserInfo({ user, className }: { user: ShellUser; className?: string }) {
  return (
    <div data-slot="user-info" className={cn("flex min-w-0 items-center gap-3", className)}>
      <div className="flex min-w-0 flex-col text-right leading-tight">
        <span className="truncate text-sm font-medium">{user.name}</span>
        <span className="truncate text-xs text-muted-foreground">{user.email}</span>
      </div>
      <RoleBadge role={user.role} />
    </div>
  );
}
