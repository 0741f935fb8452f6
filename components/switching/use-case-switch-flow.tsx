"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { getForUseCaseAction, switchModelAction } from "@/actions/dashboard";
import { queryKeys } from "@/lib/query-keys";
import { SwitchModelFlow } from "./switch-model-flow";
import type { RankedModel, SwitchResultData } from "./types";

type UseCaseSwitchFlowProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  useCase: string;
  currentModelId: string;
  /** Skip the selection (the Models page switches a use case to the model it shows). */
  targetModelId?: string;
  onSwitched?: (data: SwitchResultData, to: RankedModel) => void;
};

/**
 * The dashboard's "change the model of a use case": SwitchModelFlow wired to the admin actions, refreshing every
 * use-case query once a switch lands or turns out to be stale.
 */
export function UseCaseSwitchFlow({ useCase, onSwitched, ...props }: UseCaseSwitchFlowProps) {
  const queryClient = useQueryClient();
  const refresh = React.useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.useCases.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.overview.all });
  }, [queryClient]);

  return (
    <SwitchModelFlow
      {...props}
      scope={{ useCase }}
      loadCandidates={() => getForUseCaseAction({ useCase })}
      submit={(request) =>
        switchModelAction({
          modelId: request.modelId,
          useCase: request.useCase,
          reason: request.reason,
          expectedCurrentModelId: request.expectedCurrentModelId,
        })
      }
      onStale={refresh}
      onSwitched={(data, to) => {
        refresh();
        void queryClient.invalidateQueries({ queryKey: queryKeys.switches.all });
        onSwitched?.(data, to);
      }}
    />
  );
}
