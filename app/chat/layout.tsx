import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { ChatHeader } from "@/components/shell/chat-header";
import { requireSignedIn } from "@/server/auth/session";
import { realtimeSettings } from "@/server/realtime/page-settings";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  // Any role may chat; the page checks again since a layout alone is not a check.
  const user = await requireSignedIn();
  // Live switch toasts; `since` lets the stream replay switches made between this render and its connection.
  return (
    <RealtimeProvider user={{ id: user.id, role: user.role }} {...(await realtimeSettings())}>
      <div className="flex min-h-dvh flex-col">
        <ChatHeader user={{ name: user.name, email: user.email, role: user.role }} />
        <main id="main" className="flex flex-1 flex-col px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </RealtimeProvider>
  );
}
