import "server-only";
import { getSessionUser } from "@/server/auth/session";
import { AppError, toPublicError } from "@/server/errors";
import { errorResponse } from "@/server/http/respond";
import { exportSwitches } from "./service";

const UTF8_BOM = "\uFEFF";

/**
 * GET /history/export?from&to&useCase&model&type&user: the filtered switch log as CSV, streamed batch by batch (see
 * export.ts). The caller's role is checked here; the dashboard layout does not cover route handlers.
 */
export async function handleHistoryExport(request: Request): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthorized", "Sign in to export the switch history.");
    const { filter, problems, chunks } = await exportSwitches({ actor: { kind: "user", user }, params: new URL(request.url).searchParams });
    if (problems.length) throw new AppError("invalid_request", problems.join(" "));

    const iterator = chunks();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      // A UTF-8 byte order mark first: without it Excel reads the file as the system code page and garbles accents.
      start(controller) {
        controller.enqueue(encoder.encode(UTF8_BOM));
      },
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
    return errorResponse(err);
  }
}
