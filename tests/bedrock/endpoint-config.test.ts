// BEDROCK_RUNTIME_ENDPOINT / BEDROCK_CONTROL_ENDPOINT / BEDROCK_RUNTIME_TIMEOUT_MS: validated at start, and handed to
// the aws gateway's SDK clients (the calls themselves are tested against the stand-in in aws-standin*.test.ts).
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { afterEach, describe, expect, it } from "vitest";
import { getBedrockGateway, resetBedrockGateways } from "@/server/bedrock";
import { EnvError, parseEnv } from "@/server/env";

const loadCatalog = async () => [];

describe("Bedrock endpoint settings", () => {
  afterEach(() => resetBedrockGateways());

  it("accepts http(s) URLs and leaves the endpoints unset when empty", () => {
    const e = parseEnv({
      BEDROCK_RUNTIME_ENDPOINT: "http://127.0.0.1:8790",
      BEDROCK_CONTROL_ENDPOINT: "https://bedrock.example.internal/",
      BEDROCK_RUNTIME_TIMEOUT_MS: "2500",
    });
    expect(e).toMatchObject({
      BEDROCK_RUNTIME_ENDPOINT: "http://127.0.0.1:8790",
      BEDROCK_CONTROL_ENDPOINT: "https://bedrock.example.internal/",
      BEDROCK_RUNTIME_TIMEOUT_MS: 2500,
    });
    expect(parseEnv({ BEDROCK_RUNTIME_ENDPOINT: " " })).toMatchObject({ BEDROCK_RUNTIME_ENDPOINT: undefined, BEDROCK_RUNTIME_TIMEOUT_MS: 60_000 });
  });

  it.each([
    ["BEDROCK_RUNTIME_ENDPOINT", "127.0.0.1:8790"],
    ["BEDROCK_CONTROL_ENDPOINT", "ftp://host"],
    ["BEDROCK_RUNTIME_ENDPOINT", "http://host:8790/?x=1"],
    ["BEDROCK_RUNTIME_TIMEOUT_MS", "fast"],
  ])("stops the start on %s=%s, naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it("gives the SDK clients the endpoints, and a distinct gateway per endpoint", async () => {
    const gw = getBedrockGateway({
      mode: "aws",
      region: "eu-central-1",
      runtimeEndpoint: "http://127.0.0.1:8790",
      controlEndpoint: "http://127.0.0.1:8791",
      loadCatalog,
    });
    const { runtime, control } = gw as unknown as { runtime: BedrockRuntimeClient; control: BedrockClient };
    const runtimeUrl = await runtime.config.endpoint!();
    const controlUrl = await control.config.endpoint!();
    expect([runtimeUrl.hostname, runtimeUrl.port, controlUrl.port]).toEqual(["127.0.0.1", 8790, 8791]);
    const aws = getBedrockGateway({ mode: "aws", region: "eu-central-1", loadCatalog }) as unknown as { runtime: BedrockRuntimeClient };
    expect(aws).not.toBe(gw);
    expect(aws.runtime.config.endpoint).toBeUndefined();
  });
});
