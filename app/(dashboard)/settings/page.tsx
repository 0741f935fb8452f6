import type { Metadata } from "next";
import { NotBuiltCard } from "@/components/shell/not-built-card";
import { PageHeader } from "@/components/shell/page-header";
import { requireAdminPage } from "@/server/auth/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdminPage();
  return (
    <>
      <PageHeader title="Settings" description="Administration of this Switchboard instance." />
      <NotBuiltCard willShow="Catalog sync from AWS, the least-privilege IAM policy for the enabled models, and whether the service key is set." />
    </>
  );
}
