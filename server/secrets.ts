import "server-only";
import { randomBytes, timingSafeEqual, createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensurePrivateFolder, makeFilePrivate } from "@/db/private-folder";
import { env } from "./env";

// Secrets come from the environment, or in the embedded setup are generated once into the data folder (mode 600).
function fromDataDir(file: string, make: () => string): string {
  const full = path.join(env().dataDir, file);
  try {
    const value = fs.readFileSync(full, "utf8").trim();
    makeFilePrivate(full); // written by an older version with looser modes
    return value;
  } catch {
    ensurePrivateFolder(env().dataDir);
    const value = make();
    try {
      fs.writeFileSync(full, `${value}\n`, { mode: 0o600, flag: "wx" });
      return value;
    } catch {
      return fs.readFileSync(full, "utf8").trim(); // another process wrote it first
    }
  }
}

export const SERVICE_KEY_FILE = "service-key";

export function serviceKey(): string {
  return env().SWITCHBOARD_SERVICE_KEY ?? fromDataDir(SERVICE_KEY_FILE, () => `sbk_${randomBytes(24).toString("base64url")}`);
}

export function serviceKeySource(): "environment" | "generated" {
  return env().SWITCHBOARD_SERVICE_KEY ? "environment" : "generated";
}

export function sessionSecret(): string {
  return env().SWITCHBOARD_SESSION_SECRET ?? fromDataDir("session-secret", () => randomBytes(48).toString("base64url"));
}

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}
