import "server-only";

/**
 * Who is calling the gateway (`/v1`, `/bedrock`): the deployment's service key, or a named API key that may be limited
 * to some use cases (an empty list means every use case).
 */
export type GatewayPrincipal = { kind: "service" } | { kind: "key"; keyId: string; name: string; useCases: string[] };

/** The parts of an HTTP request that authentication reads (SigV4 signs the method, path, query, headers and body). */
export type GatewayRequestParts = {
  method: string;
  /** The path and query exactly as received, e.g. `/bedrock/model/health/converse`. */
  pathWithQuery: string;
  headers: Headers;
  body: Uint8Array;
};
