// Which gateway runs: BEDROCK_MODE first, then the presence of AWS credentials; one instance per process.
import { afterEach, describe, expect, it } from "vitest";
import { detectBedrockMode, getBedrockGateway, resetBedrockGateways } from "@/server/bedrock";
import { CATALOG } from "./support/catalog-fixture";

describe("detectBedrockMode", () => {
  it.each([
    { env: {}, mode: "offline" },
    { env: { AWS_REGION: "eu-central-1" }, mode: "offline" },
    { env: { BEDROCK_MODE: "aws" }, mode: "aws" },
    { env: { BEDROCK_MODE: "offline", AWS_ACCESS_KEY_ID: "AKIA..." }, mode: "offline" },
    { env: { AWS_ACCESS_KEY_ID: "AKIA..." }, mode: "aws" },
    { env: { AWS_PROFILE: "prod" }, mode: "aws" },
    { env: { AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token" }, mode: "aws" },
    { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials" }, mode: "aws" },
    { env: { AWS_ACCESS_KEY_ID: "" }, mode: "offline" },
  ])("$env → $mode", ({ env, mode }) => {
    expect(detectBedrockMode(env as Record<string, string | undefined>)).toBe(mode);
  });
});

describe("getBedrockGateway", () => {
  afterEach(() => resetBedrockGateways());

  it("returns one instance per process for a mode and region", () => {
    const opts = { mode: "offline" as const, region: "eu-central-1", loadCatalog: async () => CATALOG };
    const a = getBedrockGateway(opts);
    expect(getBedrockGateway(opts)).toBe(a);
    expect(a.mode).toBe("offline");
  });

  it("builds the aws gateway in aws mode", () => {
    const gw = getBedrockGateway({ mode: "aws", region: "eu-central-1", loadCatalog: async () => [] });
    expect(gw.mode).toBe("aws");
  });
});
