import type { Metadata } from "next";
import { ApiKeysTable } from "@/components/settings/api-keys-table";
import { CatalogSyncButton } from "@/components/settings/catalog-sync-button";
import { CreateKeyForm } from "@/components/settings/create-key-form";
import { IamPolicyForm } from "@/components/settings/iam-policy-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CATALOG_SNAPSHOT_DATE } from "@/server/catalog/snapshot";
import { requireAdminPage } from "@/server/auth/session";
import { loadKeysSettings } from "@/server/keys/settings-data";
import { getRuntimeInfo } from "@/server/runtime-info";
import { serviceKeySource } from "@/server/secrets";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireAdminPage();
  const { keys, useCaseNames } = await loadKeysSettings({ actor: { kind: "user", user } });
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
        <Card className="lg:col-span-2" aria-labelledby="keys-title">
          <CardHeader>
            <CardTitle id="keys-title">Keys</CardTitle>
            <CardDescription>
              API keys for backends calling the gateway (<code>/v1</code> with the OpenAI SDK, <code>/bedrock</code> with the AWS SDK): a bearer token, and an
              AWS access key id and secret for SigV4. Each is shown once; revoking takes effect at once on every instance.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <CreateKeyForm useCaseNames={useCaseNames} />
            <ApiKeysTable keys={keys} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>IAM policy</CardTitle>
            <CardDescription>
              Least privilege for the enabled catalog entries: catalog reads, and invoke on each inference profile and on its destination regions&apos;
              foundation models, usable only through that profile.
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
