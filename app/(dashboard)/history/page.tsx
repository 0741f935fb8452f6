import type { Metadata } from "next";
import { NotBuiltCard } from "@/components/shell/not-built-card";
import { PageHeader } from "@/components/shell/page-header";
import { requireStaff } from "@/server/auth/session";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage() {
  await requireStaff();
  return (
    <>
      <PageHeader title="History" description="Every model switch, who made it and why." />
      <NotBuiltCard willShow="The switch log with filters, pagination and CSV export, and charts of switches per day by model and auto versus manual." />
    </>
  );
}
