import { DashboardShell } from "@/components/shell/dashboard-shell";
import { requireStaff } from "@/server/auth/session";
import { getRuntimeInfo } from "@/server/runtime-info";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // End users go to /chat, anonymous visitors to /sign-in. Each page checks again: a layout alone is not a check.
  const user = await requireStaff();
  const mode = getRuntimeInfo();
  return (
    <DashboardShell user={{ name: user.name, email: user.email, role: user.role }} mode={mode}>
      {children}
    </DashboardShell>
  );
}
