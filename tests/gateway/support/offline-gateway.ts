// What every offline gateway test starts from: the offline Bedrock gateway, a seeded database of the given kind and
// the gateway server on it; and how those tests read what a call wrote (records are written in batches: flush first).
import { resetBedrockGateways } from "@/server/bedrock";
import { clearFaults } from "@/server/bedrock/fault-injection";
import type { DatabaseKind } from "@/db/client";
import { flushInvocations } from "@/server/invoke/record";
import { createServiceFixture, type ServiceFixture } from "../../support/service-fixture";
import { startGatewayServer, type GatewayServer } from "./gateway-server";

export type OfflineGateway = { f: ServiceFixture; server: GatewayServer; close: () => Promise<void> };

export async function startOfflineGateway(kind: DatabaseKind): Promise<OfflineGateway> {
  process.env.BEDROCK_MODE = "offline";
  resetBedrockGateways();
  const f = await createServiceFixture(kind, { max: 10 });
  const server = await startGatewayServer();
  return {
    f,
    server,
    close: async () => {
      await server.close();
      await f.t.drop();
    },
  };
}

/** Between tests: no faults, no cooldowns. */
export async function resetFaults(f: ServiceFixture): Promise<void> {
  clearFaults();
  await f.t.rows("delete from model_cooldowns");
}

/** Readers of what calls wrote; `fixture` is read when they run (a test file sets it in beforeAll). */
export function records(fixture: () => ServiceFixture) {
  const invocationCount = async () => {
    await flushInvocations();
    return fixture().count("select count(*)::int as n from invocations");
  };
  return {
    invocationCount,
    /** Everything a call may write: invocations, switches, conversations, cooldowns. */
    written: async () => ({
      invocations: await invocationCount(),
      switches: await fixture().count("select count(*)::int as n from bedrock_model_switches"),
      conversations: await fixture().count("select count(*)::int as n from conversations"),
      cooldowns: await fixture().count("select count(*)::int as n from model_cooldowns"),
    }),
    lastInvocation: async () => {
      await flushInvocations();
      return (await fixture().t.rows<Record<string, unknown>>("select * from invocations order by id desc limit 1"))[0]!;
    },
  };
}
