import "server-only";
import { AppError } from "@/server/errors";
import type { AccountRole } from "@/lib/enums";

export type Role = AccountRole;
export type SessionUser = { id: string; email: string; name: string; role: Role };

/** Who is calling the service layer: a signed-in account or the service key. */
export type Actor = { kind: "user"; user: SessionUser } | { kind: "service" };

export const isStaff = (role: Role) => role === "admin" || role === "analyst";

/** What each role may do. `service` (the API key) may do everything. */
const PERMISSIONS = {
  "catalog:read": ["admin", "analyst", "user"],
  "chat:own": ["admin", "analyst", "user"],
  "catalog:write": ["admin"],
  "analytics:read": ["admin", "analyst"],
  "switch:use-case": ["admin"],
  "switch:own-conversation": ["admin", "user"],
  "auto-switch": ["admin"],
  validate: ["admin", "analyst"],
  "cache:clear": ["admin"],
  "settings:read": ["admin"],
  "use-case:write": ["admin"],
  "keys:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === "service") return true;
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.user.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError("forbidden", "Your role does not allow this action.");
  }
}

/** How the switch log and key listings name who acted: the account's email, or "service". */
export function actorLabel(actor: Actor): string {
  return actor.kind === "service" ? "service" : actor.user.email;
}
