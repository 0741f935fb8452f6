import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./support";

// Consistent facts across the dashboard (issue 11, point 5): one display name per model on every page, one form for
// who made a switch, embedding models without made-up output facts, today's unfinished bucket marked rather than
// drawn as a drop, the traffic chart's axis starting where its sentence does, the kept-or-reverted card without an
// empty half, and the Costs chart keeping its labels on a phone.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-09-04" → "Sep 4", the axis's own form. */
const axisDay = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;

const EMBEDDING_ID = "amazon.titan-embed-text-v2:0";

async function heading(page: Page, name: string) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** The x-axis tick labels a chart shows. */
async function xTicks(page: Page, testId: string): Promise<string[]> {
  const ticks = page.getByTestId(testId).locator('text.recharts-cartesian-axis-tick-value[orientation="bottom"]');
  await expect(ticks.first()).toBeVisible();
  return (await ticks.allTextContents()).map((t) => t.trim());
}

test.describe("as an analyst", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, DEMO.analyst, /\/$/);
  });

  test("a model has one display name on Overview, Models, History, Costs, Adoption and Use cases", async ({ page }) => {
    // The current models of two use cases: one whose name another catalog entry shares (a Claude with an EU and a
    // global profile) and one whose name is its own (Nova Lite); both read the same everywhere.
    for (const useCase of ["general", "health"]) {
      await page.goto("/");
      await heading(page, "Overview");
      const overviewCell = page.locator(`[data-testid="overview-use-cases"] tr[data-use-case="${useCase}"] span[title]`).first();
      const modelId = (await overviewCell.getAttribute("title"))!;
      expect(modelId).toMatch(/^eu\./);
      const names: Record<string, string> = { overview: (await overviewCell.textContent())!.trim() };

      await page.goto("/models");
      await heading(page, "Models");
      names.models = (await page.locator(`tr[data-model-id="${modelId}"] button span`).first().textContent())!.trim();

      await page.goto(`/history?useCase=${useCase}`);
      await heading(page, "History");
      names.history = (await page.getByTestId("history-table").locator(`span[title="${modelId}"]`).first().textContent())!.trim();

      await page.goto("/costs");
      await heading(page, "Costs");
      names.costs = (await page.locator(`tr[data-use-case="${useCase}"] span[title="${modelId}"]`).first().textContent())!.trim();

      await page.goto("/adoption");
      await heading(page, "Adoption");
      names.adoption = (await page.locator(`[data-testid="split-share"] table[data-use-case="${useCase}"] tr[data-model-id="${modelId}"] th`).textContent())!
        .replace(/\s*\(current\)$/, "")
        .trim();

      await page.goto("/use-cases");
      await heading(page, "Use cases");
      names.useCases = (await page.locator(`[data-use-case="${useCase}"] [data-testid="current-model-name"]`).textContent())!.trim();

      // One form, and it is the catalog name with the routing scope.
      expect(new Set(Object.values(names)), JSON.stringify(names)).toEqual(new Set([names.overview]));
      expect(names.overview).toMatch(/ \(EU\)$/);
    }
  });

  test("who made a switch reads as an email, or as the system's own word, on History and Overview", async ({ page }) => {
    const FORM = /^([^\s@]+@[^\s@]+|service|policy|invoke path)$/;
    await page.goto("/history");
    await heading(page, "History");
    const by = await page.getByTestId("history-table").locator("tbody tr > :nth-child(5)").allTextContents();
    expect(by.length).toBeGreaterThan(10);
    for (const who of by) expect(who.trim()).toMatch(FORM);
    // The demo history has switches by a person on the first page: those show the email.
    expect(by.some((who) => who.trim() === DEMO.admin)).toBe(true);

    await page.goto("/");
    await heading(page, "Overview");
    const lasts = await page.getByTestId("overview-use-cases").locator("tbody tr > :last-child").allTextContents();
    expect(lasts).toHaveLength(4);
    for (const text of lasts) {
      const who = /UTC by (.+)$/.exec(text.trim())?.[1];
      expect(who, text).toMatch(FORM);
    }
  });

  test("an embedding model shows no output price or output limit: on Models, its detail and the Costs selects", async ({ page }) => {
    await page.goto("/models");
    await heading(page, "Models");
    const row = page.locator(`tr[data-model-id="${EMBEDDING_ID}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText("No output tokens");
    await expect(row).toContainText("Embedding model");
    await expect(row).not.toContainText("$0.00");
    // Its limit cells: the context window is a number, the output limit is not "0".
    const cells = (await row.locator("td").allTextContents()).map((t) => t.trim());
    expect(cells).not.toContain("0");

    await row.locator("button").first().click();
    const sheet = page.getByRole("dialog");
    await expect(sheet).toContainText("No output tokens");
    await expect(sheet).not.toContainText("$0.00");
    await expect(sheet.getByText(/^0 \(0\)$/)).toHaveCount(0);

    await page.goto("/costs");
    await heading(page, "Costs");
    const option = page.getByLabel("Baseline: every use case on").locator(`option[value="${EMBEDDING_ID}"]`);
    await expect(option).toHaveCount(1);
    const text = (await option.textContent())!;
    expect(text).toContain("embedding model");
    expect(text).not.toContain("$0.00 out");
  });

  test("today's bucket is marked as so far on the Overview, History and Adoption charts, and in their tables", async ({ page }) => {
    const check = async (testId: string) => {
      const chart = page.getByTestId(testId);
      await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
      // Marked in the drawing (dashed) and in words under it.
      await expect(chart.locator('svg [stroke-dasharray="4 3"]').first()).toBeAttached();
      await expect(chart.getByTestId("chart-sofar-note")).toContainText("today so far");
      // The numbers behind it say so too, on the last row only.
      await chart.getByText("Show data").click();
      const rows = chart.locator("table tbody tr");
      await expect(rows.last().locator("th")).toContainText("(partial, today so far)");
      await expect(chart.locator("table tbody tr th", { hasText: "today so far" })).toHaveCount(1);
    };
    await page.goto("/");
    await heading(page, "Overview");
    await check("chart-overview-trend");

    await page.goto("/history");
    await heading(page, "History");
    await check("chart-switches-by-type");
    await check("chart-switches-by-model");

    await page.goto("/adoption");
    await heading(page, "Adoption");
    await check("chart-traffic-share");
  });

  test("the traffic share chart's axis starts on the day its sentence names and reads in shares", async ({ page }) => {
    for (const range of ["", "?range=30d"]) {
      await page.goto(`/adoption${range}`);
      await heading(page, "Adoption");
      const sentence = (await page.getByTestId("chart-traffic-share-summary").textContent())!;
      const from = /from (\d{4}-\d{2}-\d{2}) to/.exec(sentence)?.[1];
      expect(from, sentence).toBeTruthy();
      const ticks = await xTicks(page, "chart-traffic-share");
      expect(ticks[0]).toBe(axisDay(from!));
      const yTicks = (
        await page.getByTestId("chart-traffic-share").locator('text.recharts-cartesian-axis-tick-value[orientation="left"]').allTextContents()
      ).map((t) => t.trim());
      expect(yTicks).toEqual(["0%", "25%", "50%", "75%", "100%"]);
    }
  });

  test("a percent change of 100% or more reads as a whole, grouped number", async ({ page }) => {
    await page.goto("/costs");
    await heading(page, "Costs");
    // The cheapest use case's what-if on the dearest model it may use: a change of several hundred percent or more.
    const select = page.getByLabel("What if Operations used");
    const options = await select
      .locator("option")
      .evaluateAll((all) => all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })).filter((o) => o.value));
    const outPrice = (text: string) => Number(/\$([\d.,]+) out/.exec(text)?.[1]?.replace(/,/g, "") ?? 0);
    const dearest = options.reduce((a, b) => (outPrice(b.text) > outPrice(a.text) ? b : a));
    await select.selectOption(dearest.value);
    const preview = page.getByTestId("whatif-operations");
    await expect(preview).toContainText(/\(\+[\d,]+%\)/);
    expect(await preview.textContent()).not.toMatch(/\+[\d,]{4,}\.\d%/);
  });
});

for (const [size, viewport] of [
  ["desktop", { width: 1440, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(`on a ${size} (${viewport.width}px)`, () => {
    test.use({ viewport });

    test("the kept-or-reverted card holds its content without an empty half", async ({ page }) => {
      await signInAs(page, DEMO.analyst, /\/$/);
      await page.goto("/adoption");
      await heading(page, "Adoption");
      const card = page.getByTestId("adoption-outcomes");
      const content = card.locator("dl");
      await expect(content).toBeVisible();
      const cardBox = (await card.boundingBox())!;
      const contentBox = (await content.boundingBox())!;
      // The card ends after its padding (24 px), not a chart's height further down.
      expect(cardBox.y + cardBox.height - (contentBox.y + contentBox.height)).toBeLessThanOrEqual(48);
    });

    test("the Costs chart labels every use case on its axis", async ({ page }) => {
      await signInAs(page, DEMO.analyst, /\/$/);
      await page.goto("/costs");
      await heading(page, "Costs");
      const ticks = await xTicks(page, "chart-costs");
      expect(ticks).toEqual(["Clinical", "General", "Health", "Operations"]);
    });
  });
}
