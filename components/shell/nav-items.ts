import { Boxes, Coins, History, LayoutDashboard, MessagesSquare, Settings, TrendingUp, Workflow, type LucideIcon } from "lucide-react";

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown to admins only; the page checks the role itself as well. */
  adminOnly?: boolean;
};

/** Every dashboard page of DESIGN.md, in sidebar order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/models", label: "Models", icon: Boxes },
  { href: "/use-cases", label: "Use cases", icon: Workflow },
  { href: "/history", label: "History", icon: History },
  { href: "/costs", label: "Costs", icon: Coins },
  { href: "/adoption", label: "Adoption", icon: TrendingUp },
  { href: "/settings", label: "Settings", icon: Settings, adminOnly: true },
  // Staff chat too (to try a use case as its users meet it); the chat has its own header with a way back.
  { href: "/chat", label: "Chat", icon: MessagesSquare },
];

export function isActivePath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
