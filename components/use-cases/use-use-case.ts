"use client";

import { useQuery } from "@tanstack/react-query";
import { getUseCaseAction } from "@/actions/dashboard";
import { queryKeys } from "@/lib/query-keys";
import type { UseCaseDetail } from "@/server/use-cases/detail";
import { unwrap } from "./action-result";

/**
 * One use case as its page shows it: policy, current model, fallback chain, cooldowns. The server render seeds it;
 * switches (here, elsewhere, or arriving over realtime) invalidate the key and it refetches.
 */
export function useUseCase(name: string, initialData?: UseCaseDetail) {
  return useQuery({
    queryKey: queryKeys.useCases.detail(name),
    queryFn: async () => unwrap(await getUseCaseAction({ name })),
    initialData,
  });
}
