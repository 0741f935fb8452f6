import type { Metadata } from "next";
import { NotBuiltCard } from "@/components/shell/not-built-card";
import { PageHeader } from "@/components/shell/page-header";
import { requireStaff } from "@/server/auth/session";

export const metadata: Metadata = { title: "Use cases" };

export default async function UseCasesPage() {
  await requireStaff();
  return (
    <>
      <PageHeader title="Use cases" description="Which model serves each use case, and under which policy." />
      <NotBuiltCard willShow="The current model and policy per use case, the policy editor, auto-switch with its ranked preview, the fallback chain and cooldown state." />
    </>
  );
}
