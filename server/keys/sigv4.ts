import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import { AppError } from "@/server/errors";
import type { GatewayRequestParts } from "@/server/gateway/principal";

// AWS Signature Version 4 as the AWS SDKs and boto3 send it for Bedrock Runtime, verified by signing the request again
// with the key's secret through the SDK's own signer and comparing the signatures in constant time.

/** How far x-amz-date may be from the server's clock, either way (AWS allows the same). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
export const SIGNING_SERVICE = "bedrock";

export type SigV4Authorization = {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  scopeDate: string;
  region: string;
  signedHeaders: string[];
  signature: string;
};

const refuse = (message: string) => new AppError("unauthorized", message);

/** The parts of `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, or null for another scheme. */
export function parseSigV4Authorization(header: string): SigV4Authorization | null {
  const m = header.match(/^AWS4-HMAC-SHA256\s+(.+)$/);
  if (!m) return null;
  const fields = new Map<string, string>();
  for (const part of m[1]!.split(/\s*,\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential")?.split("/");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential?.length !== 5 || !signedHeaders || !signature) {
    throw refuse("The AWS4-HMAC-SHA256 authorization needs Credential, SignedHeaders and Signature.");
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credential as [string, string, string, string, string];
  if (service !== SIGNING_SERVICE || terminator !== "aws4_request") {
    throw refuse(`The credential scope must end in /${SIGNING_SERVICE}/aws4_request (sign for the bedrock service).`);
  }
  if (!/^\d{8}$/.test(scopeDate) || !/^[a-z0-9-]{1,40}$/.test(region)) throw refuse("The credential scope is malformed.");
  if (!/^[0-9a-f]{64}$/.test(signature)) throw refuse("The signature is malformed.");
  return { accessKeyId, scopeDate, region, signedHeaders: signedHeaders.toLowerCase().split(";"), signature };
}

/** `20261203T102208Z` as a Date, or null. */
function parseAmzDate(value: string | null): Date | null {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Checks the request's date against the clock; the signing date when it is within MAX_CLOCK_SKEW_MS. */
export function checkSigningDate(req: GatewayRequestParts, auth: SigV4Authorization, now: Date): Date {
  const signedAt = parseAmzDate(req.headers.get("x-amz-date"));
  if (!signedAt) throw refuse("Signed requests need an x-amz-date header (YYYYMMDDTHHMMSSZ).");
  if (!auth.signedHeaders.includes("x-amz-date")) throw refuse("x-amz-date must be among the signed headers.");
  if (req.headers.get("x-amz-date")!.slice(0, 8) !== auth.scopeDate) throw refuse("The credential scope's date is not x-amz-date's.");
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw refuse("The signature is more than 15 minutes off the server's clock (x-amz-date); check the caller's clock.");
  }
  return signedAt;
}

/** Throws unauthorized unless the request carries a valid signature made with `secretAccessKey`. */
export async function verifySigV4(req: GatewayRequestParts, auth: SigV4Authorization, secretAccessKey: string, signedAt: Date): Promise<void> {
  if (!auth.signedHeaders.includes("host") && !auth.signedHeaders.includes(":authority")) throw refuse("The host header must be signed.");
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    // Over HTTP/2 the AWS SDK signs the :authority pseudo-header, which the door hands over as Host.
    const value = req.headers.get(name === ":authority" ? "host" : name);
    if (value === null) throw refuse(`The signed header ${name} is missing from the request.`);
    headers[name] = value;
  }
  // The signer trusts x-amz-content-sha256 as the body's hash: make sure it is.
  const declared = req.headers.get("x-amz-content-sha256");
  if (declared !== null && declared !== createHash("sha256").update(req.body).digest("hex")) {
    throw refuse("The body does not match x-amz-content-sha256.");
  }
  const q = req.pathWithQuery.indexOf("?");
  const path = q === -1 ? req.pathWithQuery : req.pathWithQuery.slice(0, q);
  const query: Record<string, string | string[]> = {};
  if (q !== -1) {
    for (const [k, v] of new URLSearchParams(req.pathWithQuery.slice(q + 1))) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
  }
  const signer = new SignatureV4({
    service: SIGNING_SERVICE,
    region: auth.region,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method.toUpperCase(), protocol: "http:", hostname: req.headers.get("host") ?? "", path, query, headers, body: req.body },
    { signingDate: signedAt, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
  if (!expected || !timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(auth.signature, "hex"))) {
    throw refuse("The request signature does not match: sign with the key's secret access key, and send the request as signed.");
  }
}
