import type { Metadata } from "next";
import { NotBuiltCard } from "@/components/shell/not-built-card";
import { PageHeader } from "@/components/shell/page-header";
import { requireStaff } from "@/server/auth/session";

export const metadata: Metadata = { title: "Costs" };

export default async function CostsPage() {
  await requireStaff();
  return (
    <>
      <PageHeader title="Costs" description="What the current model choices cost per month." />
      <NotBuiltCard willShow="The monthly estimate per use case against a baseline, the savings, and a what-if for trying another model before switching." />
    </>
  );
}
