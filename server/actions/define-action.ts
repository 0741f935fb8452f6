import "server-only";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/zod-message";
import { verifiedUserForMutation } from "@/server/auth/session";
import { assertCan, type Actor, type Permission, type SessionUser } from "@/server/auth/roles";
import type { ActionResult } from "@/lib/action-result";
import { AppError, toPublicError } from "@/server/errors";

export type { ActionResult };

/**
 * The one wrapper every server action goes through: a signed-in user, the permission checked on the server,
 * the input parsed with zod (field errors returned, not thrown), errors translated to a safe message.
 * Server actions are public POST endpoints, so none of this may be left to the page that shows the button.
 */
export function defineAction<S extends z.ZodType, T>(opts: {
  schema: S;
  permission: Permission;
  run: (ctx: { actor: Actor; user: SessionUser }, input: z.infer<S>) => Promise<T>;
}): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      // Actions change things: the verified user (with Supabase, a round trip to Auth), not just a valid JWT.
      const user = await verifiedUserForMutation();
      if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
      const actor: Actor = { kind: "user", user };
      assertCan(actor, opts.permission);
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error, raw);
        return { ok: false, code: "invalid_request", error: "Some fields need attention.", fieldErrors };
      }
      return { ok: true, data: await opts.run({ actor, user }, parsed.data) };
    } catch (err) {
      const e = toPublicError(err);
      return { ok: false, code: e.code, error: e.message, ...(e.details === undefined ? {} : { details: e.details }) };
    }
  };
}
