// The list-all cache is per process; DESIGN.md asks that clear-cache or any catalog edit drops it on EVERY instance.
// Two real server processes on one Postgres: warm both caches, change the catalog, and watch both drop.
// Postgres only (instances share a database; PGlite is one process by construction): runs when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { startInstance, within, type Instance, type Json } from "./support/instances";

/** A catalog entry no use case relies on, so its price moves no ranking. */
const MODEL = "amazon.titan-embed-text-v2:0";
/** How long every instance may take to drop its cache (the contract: promptly; NOTIFY takes milliseconds). */
const PROPAGATION_MS = 1_000;

type Prices = { input: number; output: number; enabled: boolean };
/** Prices are numeric(12,6) in the database. */
const money = (x: number) => Math.round(x * 1e6) / 1e6;

describe.runIf(!!process.env.DATABASE_URL)("the list-all cache across two instances on one Postgres", () => {
  let t: TestDatabase;
  let a: Instance;
  let b: Instance;

  /** What an instance answers for MODEL through list-all (includeDisabled, so a disabled entry still shows). */
  const seen = async (instance: Instance): Promise<Prices> => {
    const r = await instance.orchestrate({ action: "list-all", includeDisabled: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const m = (r.body.models as Json[]).find((x) => x.modelId === MODEL);
    expect(m, `${MODEL} on ${instance.name}`).toBeDefined();
    return { input: m!.inputPricePerMTok, output: m!.outputPricePerMTok, enabled: m!.enabled };
  };
  const inDb = async (): Promise<Prices> => {
    const [row] = await t.rows<{ input: string; output: string; enabled: boolean }>(
      "select input_price_per_mtok::text as input, output_price_per_mtok::text as output, enabled from bedrock_models where model_id = $1",
      [MODEL],
    );
    return { input: Number(row!.input), output: Number(row!.output), enabled: row!.enabled };
  };
  /** A change behind the app's back: no NOTIFY, so a warm cache keeps the old value. */
  const setBehindTheBack = (column: "input_price_per_mtok" | "output_price_per_mtok", value: number) =>
    t.rows(`update bedrock_models set ${column} = $1 where model_id = $2`, [value, MODEL]);
  const bothSee = (expected: Prices, what: string) =>
    Promise.all(
      [a, b].map((i) =>
        within(PROPAGATION_MS, `${i.name} ${what}`, async () => {
          const s = await seen(i);
          return s.input === expected.input && s.output === expected.output && s.enabled === expected.enabled;
        }),
      ),
    );

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await seedDatabase(t.db, { demo: false });
    [a, b] = await Promise.all([startInstance("A", t.url!), startInstance("B", t.url!)]);
  });

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((i) => i.stop()));
    await t?.drop();
  });

  it("runs two separate processes on one database", () => {
    expect(a.child.pid).toBeDefined();
    expect(b.child.pid).toBeDefined();
    expect(a.child.pid).not.toBe(b.child.pid);
    expect(a.port).not.toBe(b.port);
  });

  it("clear-cache on A drops the cache on A and on B", async () => {
    const original = await inDb();
    expect(await seen(a)).toEqual(original); // warms A
    expect(await seen(b)).toEqual(original); // warms B

    const changed = { ...original, input: money(original.input + 1.25) };
    await setBehindTheBack("input_price_per_mtok", changed.input);
    // Both still answer from their caches, repeatedly.
    for (let i = 0; i < 3; i++) {
      expect(await seen(a)).toEqual(original);
      expect(await seen(b)).toEqual(original);
    }

    const r = await a.orchestrate({ action: "clear-cache" });
    expect(r).toEqual({ status: 200, body: { ok: true, cleared: true } });
    const [onA, onB] = await bothSee(changed, "shows the new price after clear-cache on A");
    expect(onA).toBeLessThanOrEqual(PROPAGATION_MS);
    expect(onB).toBeLessThanOrEqual(PROPAGATION_MS);
  });

  it("clear-cache on B drops the cache on A too", async () => {
    const before = await inDb();
    expect(await seen(a)).toEqual(before);
    expect(await seen(b)).toEqual(before);
    const changed = { ...before, output: money(before.output + 0.5) };
    await setBehindTheBack("output_price_per_mtok", changed.output);
    expect(await seen(a)).toEqual(before);
    expect(await seen(b)).toEqual(before);

    expect((await b.orchestrate({ action: "clear-cache" })).body).toEqual({ ok: true, cleared: true });
    await bothSee(changed, "shows the new price after clear-cache on B");
  });

  it("a catalog edit through the app on A (editCatalogEntry) drops the cache on B as well", async () => {
    const before = await inDb();
    expect(await seen(a)).toEqual(before);
    expect(await seen(b)).toEqual(before);
    // First prove both are serving from their caches: a change behind the back stays invisible.
    const sneaky = money(before.output + 0.25);
    await setBehindTheBack("output_price_per_mtok", sneaky);
    expect(await seen(a)).toEqual(before);
    expect(await seen(b)).toEqual(before);

    const input = money(before.input + 2);
    const edited = await a.editCatalog(MODEL, { inputPricePerMTok: input });
    expect(edited.model.inputPricePerMTok).toBe(input);
    // Both reload the whole catalog: the edit, and the change made behind the back before it.
    await bothSee({ input, output: sneaky, enabled: before.enabled }, "shows the edit made on A");
    expect(await inDb()).toEqual({ input, output: sneaky, enabled: before.enabled });
  });

  it("a catalog edit on B that disables a model removes it from list-all on A", async () => {
    const listed = async (i: Instance) => ((await i.orchestrate({ action: "list-all" })).body.models as Json[]).some((m) => m.modelId === MODEL);
    expect(await listed(a)).toBe(true);
    expect(await listed(b)).toBe(true);
    await b.editCatalog(MODEL, { enabled: false });
    await within(PROPAGATION_MS, "A no longer lists the disabled model", async () => !(await listed(a)));
    expect(await listed(b)).toBe(false);
    await a.editCatalog(MODEL, { enabled: true });
    await within(PROPAGATION_MS, "B lists the model again", () => listed(b));
  });
});
