import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { requireStaff } from "@/server/auth/session";
import { realtimeSettings } from "@/server/realtime/page-settings";
import { getRuntimeMode } from "@/server/runtime-info";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // End users go to /chat, anonymous visitors to /sign-in. Each page checks again: a layout alone is not a check.
  const user = await requireStaff();
  const [mode, realtime] = await Promise.all([getRuntimeMode(), realtimeSettings()]);
  // Live switch toasts; `since` lets the stream replay switches made between this render and its connection.
  return (
    <RealtimeProvider user={{ id: user.id, role: user.role }} {...realtime}>
      <DashboardShell user={{ name: user.name, email: user.email, role: user.role }} mode={mode}>
        {children}
      </DashboardShell>
    </RealtimeProvider>
  );
}
