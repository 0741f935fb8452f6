import { stripVTControlCharacters } from "node:util";
// The CLI's pure pieces, table-driven: money, tokens, shortening, the colour decision, URL and key resolution.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeFetchFailure } from "@/cli/api-client";
import { keyFileCandidates, resolveServiceKey, resolveUrl } from "@/cli/config";
import { ConfigError } from "@/cli/errors";
import { formatPrice } from "@/lib/format";
import { shorten, table, tokens, palette, visibleLength, wantsColor, type ColorChoice } from "@/cli/format";
import { suggest } from "@/cli/help";

describe("cli format", () => {
  it.each([
    [16.5, "$16.50"],
    [0.3, "$0.30"],
    [0.078, "$0.078"],
    [0.0805, "$0.0805"],
    [0, "$0.00"],
    [1234.5, "$1,234.50"],
  ])("formatPrice(%s) = %s", (n, s) => expect(formatPrice(n)).toBe(s));

  it.each([
    [1_000_000, "1M"],
    [300_000, "300K"],
    [8_192, "8.2K"],
    [512, "512"],
  ])("tokens(%s) = %s", (n, s) => expect(tokens(n)).toBe(s));

  it("shortens a reason by dropping the trailing explanation, then parentheticals, then words", () => {
    const geo = "Geo scope global is not allowed for this use case (allowed: eu, in-region): data may leave the EU";
    expect(shorten(geo, 200)).toBe(geo);
    expect(shorten(geo, 80)).toBe("Geo scope global is not allowed for this use case (allowed: eu, in-region)");
    expect(shorten(geo, 60)).toBe("Geo scope global is not allowed for this use case");
    expect(shorten(geo, 30)).toBe("Geo scope global is not…");
  });

  it("pads table cells by visible width, so colours do not skew the columns", () => {
    const p = palette(true);
    const lines = table(
      [{ header: "A" }, { header: "B", align: "right" }],
      [
        [p.green("x"), "1"],
        ["yyy", "22"],
      ],
      p,
    );
    expect(lines.map((l) => stripVTControlCharacters(l))).toEqual(["A     B", "x     1", "yyy  22"]);
    expect(visibleLength(p.red("✓ ok"))).toBe(4);
  });

  it.each<[ColorChoice, Record<string, string>, boolean, boolean]>([
    ["auto", {}, true, true],
    ["auto", {}, false, false],
    ["auto", { NO_COLOR: "1" }, true, false],
    ["auto", { NO_COLOR: "" }, true, false],
    ["auto", { FORCE_COLOR: "1" }, false, true],
    ["auto", { FORCE_COLOR: "0" }, true, true],
    ["auto", { FORCE_COLOR: "0" }, false, false],
    ["auto", { NO_COLOR: "1", FORCE_COLOR: "1" }, true, false],
    ["auto", { TERM: "dumb" }, true, false],
    ["always", { NO_COLOR: "1" }, false, true],
    ["never", { FORCE_COLOR: "1" }, true, false],
  ])("wantsColor(%s, %j, tty %s) = %s", (choice, env, tty, expected) => expect(wantsColor(choice, env, tty)).toBe(expected));

  it("suggests the closest command for a typo", () => {
    expect(suggest("swich", ["list", "switch", "auto-switch"])).toBe("switch");
    expect(suggest("use", ["list", "use-case"])).toBe("use-case");
    expect(suggest("frobnicate", ["list", "switch"])).toBeUndefined();
  });
});

describe("cli config", () => {
  it.each([
    [undefined, "http://localhost:3000", "http://localhost:3000/api/orchestrate"],
    ["http://host:8080/", "http://host:8080", "http://host:8080/api/orchestrate"],
    ["https://example.com/switchboard", "https://example.com/switchboard", "https://example.com/switchboard/api/orchestrate"],
    [
      "https://x.supabase.co/functions/v1/orchestrate-bedrock-models",
      "https://x.supabase.co/functions/v1/orchestrate-bedrock-models",
      "https://x.supabase.co/functions/v1/orchestrate-bedrock-models",
    ],
  ])("SWITCHBOARD_URL %s → %s, endpoint %s", (raw, base, endpoint) => {
    const r = resolveUrl({ SWITCHBOARD_URL: raw });
    expect(r.base).toBe(base);
    expect(r.endpoint.href).toBe(endpoint);
  });

  it("refuses a SWITCHBOARD_URL that is not http(s)", () => {
    expect(() => resolveUrl({ SWITCHBOARD_URL: "ftp://host" })).toThrow(ConfigError);
    expect(() => resolveUrl({ SWITCHBOARD_URL: "localhost:3000" })).toThrow(/SWITCHBOARD_URL/);
  });

  it("takes the key from the environment first, else from the data folder, relative to the current folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-cli-key-"));
    try {
      fs.mkdirSync(path.join(dir, "data"));
      fs.writeFileSync(path.join(dir, "data", "service-key"), "  sbk_generated \n");
      expect(resolveServiceKey({ SWITCHBOARD_SERVICE_KEY: " sbk_env " }, dir)).toEqual({ value: "sbk_env", source: "SWITCHBOARD_SERVICE_KEY" });
      expect(resolveServiceKey({ SWITCHBOARD_DATA_DIR: "data" }, dir)).toEqual({ value: "sbk_generated", source: path.join(dir, "data", "service-key") });
      expect(resolveServiceKey({ SWITCHBOARD_SERVICE_KEY: "", SWITCHBOARD_DATA_DIR: "data" }, dir).value).toBe("sbk_generated");
      expect(() => resolveServiceKey({ SWITCHBOARD_DATA_DIR: "missing" }, dir)).toThrow(/No service key/);
      expect(keyFileCandidates({}, dir)[0]).toBe(path.join(dir, ".data", "service-key"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("describes why a fetch failed with its innermost cause", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3000"), { code: "ECONNREFUSED" });
    expect(describeFetchFailure(new TypeError("fetch failed", { cause: refused }), 30_000)).toBe("connect ECONNREFUSED 127.0.0.1:3000");
    const both = new AggregateError([refused, new Error("connect ECONNREFUSED ::1:3000")], "");
    expect(describeFetchFailure(new TypeError("fetch failed", { cause: both }), 30_000)).toBe("connect ECONNREFUSED 127.0.0.1:3000");
    expect(describeFetchFailure(new DOMException("timed out", "TimeoutError"), 5_000)).toBe("no answer within 5 s (SWITCHBOARD_TIMEOUT_MS)");
  });
});
