// The client address used for sign-in limits: the socket's, unless SWITCHBOARD_TRUST_PROXY=true, and then the first
// X-Forwarded-For hop. Checked on a real HTTP server on loopback, with the header a client would forge.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, installClientAddressHeader } from "@/server/auth/client-address";
import { parseEnv } from "@/server/env";

describe("client address", () => {
  let server: http.Server;
  let url = "";
  beforeAll(async () => {
    installClientAddressHeader(false);
    server = http.createServer((req, res) => {
      res.end(clientAddress(new Headers(req.headers as Record<string, string>)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    installClientAddressHeader(false);
    await new Promise((r) => server.close(r));
  });

  it("is the socket's address by default, whatever X-Forwarded-For a client sends", async () => {
    installClientAddressHeader(false);
    expect(await (await fetch(url, { headers: { "x-forwarded-for": "203.0.113.5, 10.0.0.1" } })).text()).toBe("127.0.0.1");
    expect(await (await fetch(url)).text()).toBe("127.0.0.1");
  });

  it("is the first X-Forwarded-For hop when the proxy is trusted, else still the socket's", async () => {
    installClientAddressHeader(true);
    expect(await (await fetch(url, { headers: { "x-forwarded-for": " 203.0.113.5 , 10.0.0.1" } })).text()).toBe("203.0.113.5");
    expect(await (await fetch(url)).text()).toBe("127.0.0.1");
  });

  it("reads SWITCHBOARD_TRUST_PROXY as true or false only", () => {
    expect(parseEnv({}).SWITCHBOARD_TRUST_PROXY).toBe("false");
    expect(parseEnv({ SWITCHBOARD_TRUST_PROXY: "true" }).SWITCHBOARD_TRUST_PROXY).toBe("true");
    expect(() => parseEnv({ SWITCHBOARD_TRUST_PROXY: "yes" })).toThrow(/SWITCHBOARD_TRUST_PROXY/);
  });
});
