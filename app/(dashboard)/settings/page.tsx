import type { Metadata } from "next";
import { CatalogSyncButton } from "@/components/settings/catalog-sync-button";
import { IamPolicyForm } from "@/components/settings/iam-policy-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CATALOG_SNAPSHOT_DATE } from "@/server/catalog/snapshot";
import { requireAdminPage } from "@/server/auth/session";
import { getRuntimeInfo } from "@/server/runtime-info";
import { serviceKeySource } from "@/server/secrets";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdminPage();
  const info = getRuntimeInfo();
  const keySource = serviceKeySource();
  return (
    <>
      <PageHeader title="Settings" description="Administration of this Switchboard instance." />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Service key</CardTitle>
            <CardDescription>Backends and the CLI call the API with it. It is never shown in the browser.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-2 text-sm">
            <p data-testid="service-key-status">
              <Badge variant="success">Set</Badge>{" "}
              {keySource === "environment" ? "from SWITCHBOARD_SERVICE_KEY" : "generated on first start into the data folder (service-key)"}
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Catalog sync</CardTitle>
            <CardDescription>
              Upserts models and inference profiles from Bedrock ({info.bedrockMode === "aws" ? `AWS, ${info.region}` : "offline mode: the bundled catalog"}
              ). Prices, quality tiers, use cases and enabled flags are kept. Bundled snapshot: {CATALOG_SNAPSHOT_DATE}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CatalogSyncButton />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>IAM policy</CardTitle>
            <CardDescription>
              Least privilege for the enabled catalog entries: catalog reads, and invoke on each inference profile and on its
              destination regions&apos; foundation models, usable only through that profile.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <IamPolicyForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
