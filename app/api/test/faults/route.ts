import { z } from "zod";
import { actorFromAuthorization } from "@/server/auth/bearer";
import { clearFaults, FAULT_KINDS, injectFault, listFaults } from "@/server/bedrock/fault-injection";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/respond";
import { readJsonBody } from "@/server/http/read-body";

// Test-only: lets the browser suite make the offline Bedrock gateway of the running server throttle a model, so the
// fallback path can be exercised end to end. It answers 404 (as if it did not exist) unless the server was started
// with SWITCHBOARD_TEST_ROUTES=1, and then only to the service key.

export const dynamic = "force-dynamic";

const injectSchema = z.object({
  modelId: z.string().trim().min(1).max(200),
  kind: z.enum(FAULT_KINDS),
  remaining: z.number().int().min(1).max(1000).optional(),
});

async function guard(request: Request): Promise<void> {
  // Read per request rather than through env(): this switch is for test runs only and must not be a documented setting.
  if (process.env.SWITCHBOARD_TEST_ROUTES !== "1") throw new AppError("not_found", "Not found.");
  const actor = await actorFromAuthorization(request.headers.get("authorization"));
  if (actor.kind !== "service") throw new AppError("forbidden", "Only the service key may inject faults.");
}

const fail = errorResponse;

/** GET: the faults set now. */
export async function GET(request: Request): Promise<Response> {
  try {
    await guard(request);
    return Response.json({ ok: true, faults: listFaults() });
  } catch (err) {
    return fail(err);
  }
}

/** POST { modelId, kind, remaining? }: calls to that model fail with `kind` (the next `remaining` calls, or all). */
export async function POST(request: Request): Promise<Response> {
  try {
    await guard(request);
    const usage = `Send { modelId, kind (${FAULT_KINDS.join(", ")}), remaining? }.`;
    const parsed = injectSchema.safeParse(await readJsonBody(request, 4096, usage));
    if (!parsed.success) throw new AppError("invalid_request", usage);
    return Response.json({ ok: true, fault: injectFault(parsed.data.modelId, parsed.data) });
  } catch (err) {
    return fail(err);
  }
}

/** DELETE [?modelId=…]: clears one model's fault, or all of them. */
export async function DELETE(request: Request): Promise<Response> {
  try {
    await guard(request);
    const modelId = new URL(request.url).searchParams.get("modelId") ?? undefined;
    clearFaults(modelId);
    return Response.json({ ok: true, faults: listFaults() });
  } catch (err) {
    return fail(err);
  }
}
