// Pieces more than one command prints: the switch notification, the switch summary, a model's lifecycle.
import type { Output } from "./command";
import { dateTime, type Palette } from "./format";
import type { Model, Notification, SwitchRecord } from "./schemas";

/** The notification end users see as a toast, first, in the toast's colour (auto green, manual blue, fallback amber). */
export function printNotification(io: Output, n: Notification): void {
  const { p } = io;
  const paint = n.type === "auto" ? p.green : n.type === "fallback" ? p.yellow : p.blue;
  io.out(`${paint("●")} ${p.bold(paint(n.title))}`);
  io.out(`  ${n.message}`);
  io.out();
}

/** "✓ Switched use case general: A → B", then reason, switch id and time. */
export function printSwitchSummary(io: Output, s: SwitchRecord, opts: { replayed?: boolean; hadNotification: boolean }): void {
  const { p } = io;
  const scope = s.scope === "conversation" ? `conversation ${s.conversationId ?? "?"} (use case ${s.useCase})` : `use case ${s.useCase}`;
  const from = s.previousModelId ?? p.dim("(none)");
  io.out(`${p.green("✓")} ${p.bold(`Switched ${scope}`)}: ${from} ${p.green("→")} ${p.bold(s.newModelId)}`);
  const rows: [string, string][] = [
    ["reason", s.reason ?? p.dim("(none given)")],
    ["switch id", `${s.id} ${p.dim(`(${s.switchType}${s.actor ? `, by ${s.actor}` : ""})`)}`],
    ["time", dateTime(s.timestamp)],
  ];
  for (const [label, value] of rows) io.out(`  ${p.dim(label.padEnd(11))}${value}`);
  if (!opts.hadNotification) io.out(`  ${p.dim("no notification was sent")}`);
  if (opts.replayed) {
    io.out(`${p.yellow("!")} ${p.yellow("Replayed: this idempotency key was used before; this is that earlier switch and nothing changed now.")}`);
  }
}

/** "active", "legacy, EOL 2026-09-10" (yellow), "ended 2026-07-30" (red), "disabled" (dim). */
export function lifecycleCell(m: Model, p: Palette, today = new Date().toISOString().slice(0, 10)): string {
  const parts: string[] = [];
  if (m.endOfLifeDate && m.endOfLifeDate <= today) parts.push(p.red(`ended ${m.endOfLifeDate}`));
  else if (m.lifecycleStatus !== "active" || m.endOfLifeDate) {
    const eol = m.endOfLifeDate ? `, EOL ${m.endOfLifeDate}` : "";
    parts.push(p.yellow(`${m.lifecycleStatus}${eol}`));
  } else parts.push(p.green(m.lifecycleStatus));
  if (m.enabled === false) parts.push(p.dim("disabled"));
  return parts.join(" ");
}
