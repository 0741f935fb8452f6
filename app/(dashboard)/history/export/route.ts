import type { NextRequest } from "next/server";
import { exportSwitches } from "@/server/analytics/service";
import { getSessionUser } from "@/server/auth/session";
import { toPublicError, ERROR_STATUS } from "@/server/errors";

// GET /history/export?from&to&useCase&model&type&user: the filtered switch log as CSV, streamed (see
// server/analytics/export.ts). The caller's role is checked here; the dashboard layout does not cover route handlers.

export const dynamic = "force-dynamic";

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function GET(request: NextRequest): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) return plain(401, "Sign in to export the switch history.");
    const { filter, problems, chunks } = await exportSwitches({ actor: { kind: "user", user }, params: request.nextUrl.searchParams });
    if (problems.length) return plain(400, problems.join("\n"));

    const iterator = chunks();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      // Pull-based: the next batch is read only when the client has taken the previous one.
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (err) {
          toPublicError(err); // logs it
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await iterator.return(undefined);
      },
    });
    const name = `switches_${filter.from}_${filter.to}${filter.useCase ? `_${filter.useCase}` : ""}${filter.type ? `_${filter.type}` : ""}.csv`;
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    const e = toPublicError(err);
    return plain(ERROR_STATUS[e.code], e.message);
  }
}
