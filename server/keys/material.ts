import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { sessionSecret } from "@/server/secrets";

// What an API key is made of, and how each part is kept:
// - the bearer token `sb-<43 base64url characters>` (32 random bytes): stored only as its sha256, looked up by it;
// - the AWS-style access key id `SBK` + 17 uppercase letters and digits: not secret, stored as is;
// - the SigV4 secret access key (40 characters, like AWS's): verifying a signature needs the secret itself (SigV4 is an
//   HMAC), so it cannot be hashed; it is stored encrypted with AES-256-GCM under a key derived (HKDF-SHA256) from the
//   deployment's session secret, bound to its access key id as associated data. Rotating SWITCHBOARD_SESSION_SECRET
//   therefore invalidates SigV4 for existing keys (bearer tokens keep working), and every instance of one deployment
//   needs the same SWITCHBOARD_SESSION_SECRET, as sessions already do.

export const TOKEN_PREFIX = "sb-";
const ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const CIPHER_VERSION = "v1";

export type KeyMaterial = { token: string; tokenHash: string; tokenPrefix: string; accessKeyId: string; secretAccessKey: string };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateKeyMaterial(): KeyMaterial {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  let accessKeyId = "SBK";
  for (let i = 0; i < 17; i++) accessKeyId += ACCESS_KEY_ALPHABET[randomInt(ACCESS_KEY_ALPHABET.length)];
  return {
    token,
    tokenHash: hashToken(token),
    tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
    accessKeyId,
    secretAccessKey: randomBytes(30).toString("base64"),
  };
}

export const looksLikeAccessKeyId = (s: string) => /^SBK[A-Z0-9]{17}$/.test(s);

// The derived key depends only on the session secret, which is fixed for the process: derive it once.
let derived: { secret: string; key: Buffer } | undefined;
function encryptionKey(): Buffer {
  const secret = sessionSecret();
  if (derived?.secret !== secret) {
    derived = { secret, key: Buffer.from(hkdfSync("sha256", secret, "switchboard", "api-key sigv4 secret v1", 32)) };
  }
  return derived.key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; the access key id is the associated data. */
export function encryptSecret(secretAccessKey: string, accessKeyId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  cipher.setAAD(Buffer.from(accessKeyId));
  const ciphertext = Buffer.concat([cipher.update(secretAccessKey, "utf8"), cipher.final()]);
  return [CIPHER_VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The secret, or null when it cannot be decrypted (another session secret, or a tampered row). */
export function decryptSecret(stored: string, accessKeyId: string): string | null {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== CIPHER_VERSION || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(accessKeyId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
