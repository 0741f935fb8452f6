import "server-only";
import { getDatabase } from "@/server/db";
import type { SwitchNotification, SwitchRecord } from "./types";

/** Every committed switch is announced on this channel; the realtime stream fans it out per user. */
export const SWITCH_CHANNEL = "switchboard_switches";

export type SwitchEvent = { switch: SwitchRecord; notification: SwitchNotification | null };

export async function publishSwitch(event: SwitchEvent): Promise<void> {
  try {
    const handle = await getDatabase();
    await handle.notify(SWITCH_CHANNEL, JSON.stringify(event));
  } catch (err) {
    // The switch is committed and in the log; a reconnecting client catches up from there.
    console.error("[switchboard] could not publish a switch event", err);
  }
}
