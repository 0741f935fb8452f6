"use client";

import { useMutation } from "@tanstack/react-query";
import { unreachable, type ActionResult } from "@/lib/action-result";

/**
 * The one way a client component calls a server action: `run(input)` resolves to the action's result, never throws
 * (a request that cannot reach the server becomes an `unavailable` failure with a message to show, and is logged),
 * and `pending` is true while a call is under way. Built on React Query's mutations.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: { unreachableMessage?: string } = {}) {
  const mutation = useMutation<ActionResult<T>, never, I>({
    mutationFn: async (input) => {
      try {
        return await action(input);
      } catch (err) {
        console.error("[switchboard] server action failed", err);
        return unreachable(options.unreachableMessage);
      }
    },
  });
  return { run: mutation.mutateAsync, pending: mutation.isPending };
}
