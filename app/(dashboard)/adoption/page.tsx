import type { Metadata } from "next";
import { NotBuiltCard } from "@/components/shell/not-built-card";
import { PageHeader } from "@/components/shell/page-header";
import { requireStaff } from "@/server/auth/session";

export const metadata: Metadata = { title: "Adoption" };

export default async function AdoptionPage() {
  await requireStaff();
  return (
    <>
      <PageHeader title="Adoption" description="How automatic switches are received." />
      <NotBuiltCard willShow="The auto-adoption rate per model, auto-switches kept or reverted, each user's preferences and the share of traffic per model over time." />
    </>
  );
}
