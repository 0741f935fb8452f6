"use client";

// Mounted by the dashboard and chat layouts for the signed-in user. Owns the page's one realtime connection (shared
// through useSwitchEvents) and, for every switch it delivers:
//   - shows the toast (switch-toast.tsx), with "Switch back" on the viewer's own conversations;
//   - marks the React Query resources the switch touched as stale (lib/query-keys.ts), so client-side views refetch;
//   - refreshes the server-rendered page, so pages that show the current model show the new one.
// A burst of switches (an auto-switch sweep, a load test) acts on its first event at once and folds the rest: one
// refetch and refresh per interval, and past a few toasts one summary toast instead of a flood.
// A hidden [data-testid="realtime-status"] element carries data-state="connecting|open|closed" for tests.
import * as React from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { switchBackAction } from "@/actions/switch-back";
import { keysStaleAfterSwitch, queryKeys } from "@/lib/query-keys";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { PublicSupabaseConfig } from "@/lib/supabase/browser-client";
import { RealtimeConnection, type RealtimeUser } from "./connection";
import type { TransportKind } from "./transport";
import { showSwitchToast } from "./switch-toast";
import { throttle, ToastBurst } from "./throttle";
import { RealtimeContext, useSwitchEvents } from "./use-switch-events";

/** In a burst of switches, React Query refetches and the server-rendered page refreshes at most this often. */
const INVALIDATE_EVERY_MS = 250;
const REFRESH_EVERY_MS = 1_000;

export function RealtimeProvider({
  user,
  since,
  transport = "sse",
  supabase = null,
  children,
}: {
  user: RealtimeUser;
  since: number | null;
  /** The server's choice, from where the switch log lives (server/realtime/transport-choice.ts). */
  transport?: TransportKind;
  /** The public Supabase settings, handed down only when the transport is Supabase Realtime. */
  supabase?: PublicSupabaseConfig | null;
  children: React.ReactNode;
}) {
  // Created once per mount (no side effects in the constructor); a refresh re-rendering the layout keeps it.
  const [connection] = React.useState(() => new RealtimeConnection(user, since, transport, supabase));
  React.useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  return (
    <RealtimeContext.Provider value={connection}>
      {children}
      <RealtimeEffects />
    </RealtimeContext.Provider>
  );
}

function RealtimeEffects() {
  const queryClient = useQueryClient();
  const router = useRouter();

  // The first switch of a burst acts at once; the rest are folded into one refetch / refresh / summary toast.
  const stale = React.useRef(new Map<string, readonly unknown[]>());
  const [timing] = React.useState(() => ({
    invalidate: throttle(() => {
      const keys = [...stale.current.values()];
      stale.current.clear();
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    }, INVALIDATE_EVERY_MS),
    // Server components that show a current model (overview, use cases, chat) render it anew.
    refresh: throttle(() => router.refresh(), REFRESH_EVERY_MS),
    burst: new ToastBurst(),
  }));
  React.useEffect(
    () => () => {
      timing.invalidate.cancel();
      timing.refresh.cancel();
    },
    [timing],
  );

  const switchBack = React.useCallback(
    async (event: RealtimeSwitchEvent, toastId: string) => {
      const result = await switchBackAction({
        conversationIds: event.affectedConversationIds,
        modelId: event.previousModelId!,
        expectedCurrentModelId: event.newModelId,
      });
      if (result.ok) {
        // The switch back is itself a switch: its own toast arrives through the stream and confirms it.
        toast.dismiss(toastId);
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all });
        return;
      }
      toast.error(result.code === "conflict" ? "Could not switch back" : "Switch back failed", {
        id: `switch-back-error-${event.id}`,
        description: result.error,
        duration: 8_000,
        testId: "switch-back-error",
      });
    },
    [queryClient],
  );

  const { status, transport, lastEventId, problem } = useSwitchEvents((event) => {
    if (event.notification) {
      if (timing.burst.admit() === "own") {
        showSwitchToast(event, event.canSwitchBack ? { onSwitchBack: (toastId) => switchBack(event, toastId) } : {});
      } else {
        const n = timing.burst.folded;
        toast.info(`${n} more model switch${n === 1 ? "" : "es"}`, {
          id: "switch-burst",
          description: "Several switches arrived at once; the history lists each of them.",
          duration: 5_000,
          testId: "switch-toast-summary",
        });
      }
    }
    for (const key of keysStaleAfterSwitch(event)) stale.current.set(JSON.stringify(key), key);
    timing.invalidate.call();
    timing.refresh.call();
  });

  return (
    <>
      <span hidden data-testid="realtime-status" data-state={status} data-transport={transport ?? undefined} data-last-event-id={lastEventId ?? undefined} />
      {status === "failed" || problem ? (
        // Visible, not a toast: it stays until live notifications work again (or the page is reloaded).
        <p
          role="status"
          data-testid="realtime-problem"
          className="fixed bottom-3 left-3 z-50 max-w-sm rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 shadow-sm dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {problem ?? "Live notifications are off."} Switches still appear within about half a minute; reload the page to try again.
        </p>
      ) : null}
    </>
  );
}
