import "server-only";
import { cachedCatalog } from "@/server/catalog/cache";
import { getDb } from "@/server/db";
import { authenticateGatewayRequest } from "@/server/keys/authenticate";
import { keyMayUse } from "@/server/keys/may-use";
import { listUseCases } from "@/server/use-cases/load";
import { openAiErrorResponse } from "../errors";
import { readGatewayRequest } from "../request";

/**
 * GET /v1/models: the use cases (call them by name) and the enabled catalog models, as OpenAI model objects. A key
 * limited to some use cases sees only those.
 */
export async function handleListModels(request: Request): Promise<Response> {
  try {
    const principal = await authenticateGatewayRequest(await readGatewayRequest(request));
    const [useCases, catalog] = await Promise.all([listUseCases({ db: await getDb() }), keyMayUse(principal, null) ? cachedCatalog() : Promise.resolve([])]);
    const now = Math.floor(Date.now() / 1000);
    const data = [
      ...useCases.filter((u) => keyMayUse(principal, u.name)).map((u) => ({ id: u.name, object: "model" as const, created: now, owned_by: "switchboard" })),
      ...catalog.filter((m) => m.enabled).map((m) => ({ id: m.modelId, object: "model" as const, created: now, owned_by: m.provider.toLowerCase() })),
    ];
    return Response.json({ object: "list", data }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return openAiErrorResponse(err);
  }
}
