"use client";

import { labelForUseCase } from "@/lib/labels";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { UseCaseDetail } from "@/server/use-cases/detail";
import { AutoSwitchSection } from "./auto-switch-section";
import { CooldownList } from "./cooldown-list";
import { FallbackChainEditor } from "./fallback-chain-editor";
import { PolicyEditor } from "./policy-editor";
import { TrafficSplitEditor } from "./traffic-split-editor";
import { useRankedModels, type RankedModels } from "./use-ranked-models";
import { useUseCase } from "./use-use-case";

type UseCasePanelProps = {
  initial: UseCaseDetail;
  initialRanked: RankedModels;
  providers: string[];
  isAdmin: boolean;
};

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <Card className="gap-4" role="region" aria-labelledby={id} data-section={id.split("-").pop()}>
      <CardHeader>
        <CardTitle className="text-base">
          <h3 id={id}>{title}</h3>
        </CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** Everything about one use case below the cards: policy, auto-switch, fallback chain, cooldowns. */
export function UseCasePanel({ initial, initialRanked, providers, isAdmin }: UseCasePanelProps) {
  const name = initial.useCase.name;
  const { data: detail = initial } = useUseCase(name, initial);
  const { data: ranked = initialRanked } = useRankedModels(name, initialRanked);
  const prefix = `uc-${name}`;

  return (
    <section className="flex flex-col gap-4" aria-labelledby={`${prefix}-heading`} data-testid="use-case-panel" data-use-case-panel={name}>
      <h2 id={`${prefix}-heading`} className="text-xl font-semibold tracking-tight">
        {labelForUseCase(name)}: policy, auto-switch and fallback
      </h2>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <Section id={`${prefix}-policy`} title="Policy" description="What a model must satisfy to serve this use case, and how the best one is chosen.">
            <PolicyEditor useCase={detail.useCase} providers={providers} canEdit={isAdmin} />
          </Section>
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <Section id={`${prefix}-fallback`} title="Fallback chain">
            <FallbackChainEditor detail={detail} models={ranked.models} canEdit={isAdmin} />
          </Section>
          <Section
            id={`${prefix}-split`}
            title="Traffic split"
            description="Share traffic between the current model and others the policy allows, e.g. a 90/10 canary."
          >
            <TrafficSplitEditor detail={detail} canEdit={isAdmin} />
          </Section>
          <Section id={`${prefix}-cooldowns`} title="Cooling down">
            <CooldownList cooldowns={detail.cooldowns} useCase={name} />
          </Section>
        </div>
      </div>
      <Section id={`${prefix}-auto`} title="Auto-switch" description="Preview explains the policy's choice and changes nothing.">
        <AutoSwitchSection useCase={detail.useCase} canApply={isAdmin} />
      </Section>
    </section>
  );
}
