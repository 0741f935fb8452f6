"use client";

// THE hook for realtime switch events. Any client component under <RealtimeProvider> (mounted by the dashboard and
// chat layouts for signed-in users) may call it; all callers share the provider's one connection, whichever transport
// it uses (Supabase Realtime when the switch log's database broadcasts to it, else Server-Sent Events from
// /api/realtime; see server/realtime/transport-choice.ts).
//
//   const { status } = useSwitchEvents((event) => { if (event.conversationId === id) setModel(event.newModelId); });
//
// Events are already filtered for the signed-in user on the server. Toasts and React Query invalidation are done by
// the provider; a component only needs this hook for something of its own (e.g. a live badge).
import * as React from "react";
import type { RealtimeSwitchEvent } from "@/lib/realtime-event";
import type { RealtimeConnection } from "./connection";
import type { RealtimeStatus, TransportKind } from "./transport";

export const RealtimeContext = React.createContext<RealtimeConnection | null>(null);

export type SwitchEventsState = {
  status: RealtimeStatus;
  transport: TransportKind | null;
  /** The newest switch id received (or the page's starting point). */
  lastEventId: number | null;
  /** Why live notifications are not working (e.g. the channel was refused), or null. */
  problem: string | null;
};

const noopSubscribe = () => () => {};
const closed = (): RealtimeStatus => "closed";
const none = () => null;

export function useSwitchEvents(onEvent?: (event: RealtimeSwitchEvent) => void): SwitchEventsState {
  const connection = React.useContext(RealtimeContext);
  // The latest callback without re-subscribing on every render.
  const handler = React.useRef(onEvent);
  React.useEffect(() => {
    handler.current = onEvent;
  });
  React.useEffect(() => {
    if (!connection) return;
    return connection.subscribe((event) => handler.current?.(event));
  }, [connection]);
  const status = React.useSyncExternalStore(connection?.subscribeStatus ?? noopSubscribe, connection?.getStatus ?? closed, () => "connecting" as const);
  const lastEventId = React.useSyncExternalStore(connection?.subscribeStatus ?? noopSubscribe, connection?.lastId ?? none, none);
  const problem = React.useSyncExternalStore(connection?.subscribeStatus ?? noopSubscribe, connection?.getProblem ?? none, none);
  return { status: connection ? status : "closed", transport: connection?.kind ?? null, lastEventId, problem };
}
