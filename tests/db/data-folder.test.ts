// The embedded database's data folder: one Switchboard process at a time (a lock naming its pid), stale locks taken
// over, and the folder and its files private to their owner.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseLockedError, isSwitchboardProcess, lockDataFolder, openEmbedded } from "@/db/client";
import { sessionSecret } from "@/server/secrets";

describe("embedded database folder lock", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "sb-lock-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("refuses a folder held by another live Switchboard (Node.js) process, with a message naming the way out", async () => {
    const dir = tmp();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.writeFileSync(path.join(dir, "switchboard.lock"), String(holder.pid));
      await expect(openEmbedded(dir)).rejects.toThrow(DatabaseLockedError);
      await expect(openEmbedded(dir)).rejects.toThrow(/in use by another Switchboard process .*SWITCHBOARD_DATA_DIR/);
    } finally {
      holder.kill();
    }
  });

  it("takes over a stale lock left by a process that is gone", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "switchboard.lock"), "999999999");
    const release = lockDataFolder(dir);
    expect(fs.readFileSync(path.join(dir, "switchboard.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "switchboard.lock"))).toBe(false);
  });

  it("takes over a lock naming this very process when this process does not hold it (a pid reused after a restart)", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "switchboard.lock"), String(process.pid));
    const release = lockDataFolder(dir);
    expect(() => lockDataFolder(dir)).toThrow(DatabaseLockedError); // now it does hold it
    release();
  });

  it("takes over a lock whose pid now belongs to a live program that is not Switchboard", async () => {
    const dir = tmp();
    const other = spawn("sleep", ["30"]);
    try {
      await new Promise((r) => other.once("spawn", r));
      expect(isSwitchboardProcess(other.pid!)).toBe(false);
      expect(isSwitchboardProcess(process.pid)).toBe(true);
      fs.writeFileSync(path.join(dir, "switchboard.lock"), String(other.pid));
      const release = lockDataFolder(dir);
      expect(fs.readFileSync(path.join(dir, "switchboard.lock"), "utf8")).toBe(String(process.pid));
      release();
    } finally {
      other.kill();
    }
  });

  it("keeps the folder private: folders 0700 and files 0600, an existing loose folder fixed at open, and the generated secret", async () => {
    const dir = tmp();
    fs.chmodSync(dir, 0o777);
    fs.writeFileSync(path.join(dir, "old-file"), "x", { mode: 0o666 });
    fs.chmodSync(path.join(dir, "old-file"), 0o666);
    const handle = await openEmbedded(dir);
    try {
      const loose: string[] = [];
      const walk = (d: string) => {
        if ((fs.statSync(d).mode & 0o777) !== 0o700) loose.push(`${d} ${(fs.statSync(d).mode & 0o777).toString(8)}`);
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const full = path.join(d, e.name);
          if (e.isDirectory()) walk(full);
          else if (e.isFile() && (fs.statSync(full).mode & 0o777) !== 0o600) loose.push(`${full} ${(fs.statSync(full).mode & 0o777).toString(8)}`);
        }
      };
      walk(dir);
      expect(loose).toEqual([]);
      expect(fs.readdirSync(path.join(dir, "pglite")).length).toBeGreaterThan(5);
    } finally {
      await handle.close();
    }
    // The generated session secret, in this test process's data folder (tests/support/setup.ts), and a loose one fixed.
    const dataDir = process.env.SWITCHBOARD_DATA_DIR!;
    fs.chmodSync(dataDir, 0o755);
    sessionSecret();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, "session-secret")).mode & 0o777).toBe(0o600);
    fs.chmodSync(path.join(dataDir, "session-secret"), 0o644);
    sessionSecret();
    expect(fs.statSync(path.join(dataDir, "session-secret")).mode & 0o777).toBe(0o600);
  });

  it("refuses a second open in the same process", async () => {
    const dir = tmp();
    const first = await openEmbedded(dir);
    try {
      await expect(openEmbedded(dir)).rejects.toThrow(DatabaseLockedError);
    } finally {
      await first.close();
    }
  });
});
