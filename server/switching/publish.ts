import "server-only";
import type { bedrockModelSwitches } from "@/db/schema";
import type { CatalogModel } from "@/lib/catalog-model";
import { buildNotification } from "./notification";
import { toSwitchRecord, type SwitchNotification, type SwitchRecord } from "./types";

/** Every committed switch is announced on this channel (NOTIFY at commit); the realtime stream fans it out per user. */
export const SWITCH_CHANNEL = "switchboard_switches";

export type SwitchEvent = { switch: SwitchRecord; notification: SwitchNotification | null };

/** The NOTIFY payload of a switch row (well under Postgres's 8,000-byte limit). */
export function switchEventPayload(row: typeof bedrockModelSwitches.$inferSelect, showNotification: boolean, catalog: Map<string, CatalogModel>): string {
  const record = toSwitchRecord(row);
  const event: SwitchEvent = { switch: record, notification: showNotification ? buildNotification(record, catalog) : null };
  return JSON.stringify(event);
}
