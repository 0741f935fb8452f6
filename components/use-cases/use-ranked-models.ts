"use client";

import { useQuery } from "@tanstack/react-query";
import { getForUseCaseAction } from "@/actions/dashboard";
import { queryKeys } from "@/lib/query-keys";
import type { RankedModel } from "@/components/switching/types";
import { unwrap } from "./action-result";

export type RankedModels = { useCase: string; currentModelId: string; models: RankedModel[] };

/** The catalog ranked under a use case's policy (get-for-use-case): eligible ones first, the current one marked. */
export function useRankedModels(name: string, initialData?: RankedModels) {
  return useQuery({
    queryKey: queryKeys.useCases.ranked(name),
    queryFn: async () => unwrap(await getForUseCaseAction({ useCase: name })),
    initialData,
  });
}
