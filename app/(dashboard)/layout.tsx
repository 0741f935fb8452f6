import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { requireStaff } from "@/server/auth/session";
import { publicSupabaseConfig } from "@/server/auth/supabase/public-config";
import { latestSwitchId } from "@/server/realtime/backlog";
import { getRuntimeInfo } from "@/server/runtime-info";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // End users go to /chat, anonymous visitors to /sign-in. Each page checks again: a layout alone is not a check.
  const user = await requireStaff();
  const mode = getRuntimeInfo();
  // Live switch toasts; `since` lets the stream replay switches made between this render and its connection.
  return (
    <RealtimeProvider user={{ id: user.id, role: user.role }} since={await latestSwitchId()} supabase={publicSupabaseConfig()}>
      <DashboardShell user={{ name: user.name, email: user.email, role: user.role }} mode={mode}>
        {children}
      </DashboardShell>
    </RealtimeProvider>
  );
}
