import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./support";

// The analytics pages with the demo history: they render, filters change both the chart and the table, the CSV
// holds exactly the rows the page counts, and an analyst can read everything but change nothing.

const countOf = async (locator: Locator) => Number(await locator.getAttribute("data-count"));

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      if (ch === "\r") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

async function openHistory(page: Page, query = "") {
  await page.goto(`/history${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
}

test.describe("as an analyst", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, DEMO.analyst, /\/$/);
  });

  test("the Overview shows the KPIs, each use case with its model, cost and last switch, and a chart", async ({ page }) => {
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    expect(Number((await page.getByTestId("kpi-switches-7d").textContent())!.replace(/,/g, ""))).toBeGreaterThan(0);
    await expect(page.getByTestId("kpi-auto-share")).toHaveText(/^\d+\.\d%$/);
    await expect(page.getByTestId("kpi-monthly-cost")).toHaveText(/^\$[\d,.]+\/mo$/);
    await expect(page.getByTestId("kpi-saving")).toContainText("against all on Claude Sonnet 4.5");
    await expect(page.getByTestId("kpi-models-in-use")).toHaveText(/^\d+$/);
    await expect(page.getByTestId("kpi-models-at-risk")).toHaveText(/\d+/);
    const rows = page.getByTestId("overview-use-cases").locator("tbody tr");
    await expect(rows).toHaveCount(4);
    await expect(page.locator('tr[data-use-case="clinical"]')).toContainText("Claude Sonnet 4.5");
    await expect(page.locator('tr[data-use-case="health"]')).toContainText("Nova Lite");
    await expect(page.locator('tr[data-use-case="operations"]')).toContainText("Nova Pro");
    await expect(page.locator('tr[data-use-case="health"]')).toContainText(/\$\d/);
    await expect(page.locator('tr[data-use-case="health"]')).toContainText(/UTC by /);
    const trend = page.getByTestId("chart-overview-trend");
    await expect(trend.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("chart-overview-trend-summary")).toContainText(/\d+ switches from/);
  });

  test("History: a filter changes the count, both charts and the table, and lives in the URL", async ({ page }) => {
    await openHistory(page);
    const count = page.getByTestId("history-count");
    const all = await countOf(count);
    expect(all).toBeGreaterThan(100);
    await expect(page.getByTestId("chart-switches-by-model").locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("chart-switches-by-type").locator("svg.recharts-surface").first()).toBeVisible();
    const modelSummary = await page.getByTestId("chart-switches-by-model-summary").textContent();
    const typeSummary = await page.getByTestId("chart-switches-by-type-summary").textContent();
    expect(modelSummary).toContain(`${all.toLocaleString("en-US")} switches`);

    await page.getByLabel("Type").selectOption("manual");
    await expect(page).toHaveURL(/type=manual/);
    await expect(count).not.toHaveAttribute("data-count", String(all));
    const manual = await countOf(count);
    expect(manual).toBeGreaterThan(0);
    expect(manual).toBeLessThan(all);
    await expect(page.getByTestId("chart-switches-by-model-summary")).not.toHaveText(modelSummary!);
    await expect(page.getByTestId("chart-switches-by-type-summary")).not.toHaveText(typeSummary!);
    await expect(page.getByTestId("chart-switches-by-model-summary")).toContainText(`${manual.toLocaleString("en-US")} switches`);
    const types = await page.locator("[data-testid=history-table] [data-switch-type]").evaluateAll((els) => els.map((e) => e.getAttribute("data-switch-type")));
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(["manual"]));
  });

  test("History: filters combine, survive a reload (they are the URL) and Reset clears them", async ({ page }) => {
    await openHistory(page, "?type=manual");
    const count = page.getByTestId("history-count");
    const manual = await countOf(count);
    await page.getByLabel("Use case").selectOption("health");
    await expect(page).toHaveURL(/useCase=health/);
    await expect(page).toHaveURL(/type=manual/);
    await expect(count).not.toHaveAttribute("data-count", String(manual));
    const healthManual = await countOf(count);
    expect(healthManual).toBeLessThan(manual);
    await expect(page.getByTestId("history-table").locator("tbody tr").first()).toContainText("Health");

    await page.reload();
    await expect(page.getByLabel("Type")).toHaveValue("manual");
    await expect(page.getByLabel("Use case")).toHaveValue("health");
    await expect(count).toHaveAttribute("data-count", String(healthManual));
    await page.getByRole("link", { name: "Reset" }).click();
    await expect(page).toHaveURL(/\/history$/);
    await expect(page.getByLabel("Type")).toHaveValue("");
    await expect.poll(() => countOf(count)).toBeGreaterThan(manual);
  });

  test("History: dates narrow the range; a very long range switches to monthly buckets", async ({ page }) => {
    await openHistory(page);
    const all = await countOf(page.getByTestId("history-count"));
    const to = await page.getByLabel("To", { exact: true }).inputValue();
    await page.getByLabel("From", { exact: true }).fill(to);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${to}`));
    await expect(page.getByTestId("history-count")).not.toHaveAttribute("data-count", String(all));
    await expect.poll(() => countOf(page.getByTestId("history-count"))).toBeLessThan(all);

    await openHistory(page, `?from=2019-01-01&to=${to}`);
    await expect(page.getByRole("heading", { name: "Switches per month by model" })).toBeVisible();
    await expect(page.getByTestId("chart-switches-by-model").locator("svg.recharts-surface").first()).toBeVisible();

    await openHistory(page, "?from=2001-01-01&to=2001-01-31");
    await expect(page.getByTestId("history-count")).toHaveAttribute("data-count", "0");
    await expect(page.getByText("No switches match")).toBeVisible();
    await expect(page.getByTestId("chart-switches-by-model-summary")).toHaveText("No switches from 2001-01-01 to 2001-01-31.");

    await openHistory(page, "?from=someday&type=magic");
    const problems = page.getByTestId("history-problems");
    await expect(problems).toContainText("not a date");
    await expect(problems).toContainText("not a switch type");
  });

  test("History: older and newer pages, with the position in the URL", async ({ page }) => {
    await openHistory(page);
    const firstIds = await page.locator("tr[data-switch-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-switch-id")));
    expect(firstIds).toHaveLength(50);
    await expect(page.getByTestId("history-page")).toHaveText(/^Page 1 of \d+$/);
    await page.getByRole("link", { name: "Older page" }).click();
    await expect(page.getByTestId("history-page")).toHaveText(/^Page 2 of \d+$/);
    await expect(page).toHaveURL(/older=\d+/);
    const secondIds = await page.locator("tr[data-switch-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-switch-id")));
    expect(secondIds.some((id) => firstIds.includes(id))).toBe(false);
    await page.getByRole("link", { name: "Newer page" }).click();
    await expect(page.getByTestId("history-page")).toHaveText(/^Page 1 of \d+$/);
    await expect(page.locator("tr[data-switch-id]").first()).toHaveAttribute("data-switch-id", firstIds[0]!);
    await page.getByRole("link", { name: "Oldest page" }).click();
    await expect(page).toHaveURL(/last=1/);
    await expect(page.getByTestId("history-page")).toHaveText(/^Page ([\d,]+) of \1$/);
    await expect(page.getByRole("button", { name: "Older page" })).toBeDisabled();
  });

  test("History: the CSV holds exactly the filtered rows the page counts", async ({ page }) => {
    await openHistory(page, "?useCase=health&type=auto");
    const expected = await countOf(page.getByTestId("history-count"));
    expect(expected).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("history-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^switches_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_health_auto\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    // Excel opens the file as UTF-8 only when it starts with the byte order mark.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const records = csvRecords(text);
    expect(records[0]).toEqual([
      "id",
      "timestamp",
      "use_case",
      "scope",
      "conversation_id",
      "user_id",
      "user_email",
      "actor",
      "previous_model_id",
      "new_model_id",
      "switch_type",
      "trigger",
      "error_code",
      "reason",
      "notification_shown",
    ]);
    expect(records.length - 1).toBe(expected);
    // Line count too (no field in the demo data spans lines): what a spreadsheet or `wc -l` would say.
    expect(text.split("\r\n").filter(Boolean).length - 1).toBe(expected);
    for (const r of records.slice(1)) {
      expect(r[2]).toBe("health");
      expect(r[10]).toBe("auto");
    }
  });

  test("the export refuses a visitor who is not signed in", async ({ browser }) => {
    const anonymous = await browser.newContext();
    const response = await anonymous.request.get("/history/export");
    expect(response.status()).toBe(401);
    await anonymous.close();
  });

  test("Costs: the old system's mix against everything on Claude, and a what-if preview without a switch action", async ({ page }) => {
    await page.goto("/costs");
    await expect(page.getByRole("heading", { level: 1, name: "Costs" })).toBeVisible();
    await expect(page.locator('tr[data-use-case="clinical"]')).toContainText("Claude Sonnet 4.5");
    await expect(page.locator('tr[data-use-case="health"]')).toContainText("Nova Lite");
    await expect(page.locator('tr[data-use-case="operations"]')).toContainText("Nova Pro");
    await expect(page.getByLabel("Baseline: every use case on")).toHaveValue("eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
    await expect(page.getByTestId("costs-saving")).toHaveText(/^\$[\d,.]+$/);
    await expect(page.getByTestId("costs-kpis")).toContainText(/\d+\.\d% less a month/);
    await expect(page.getByTestId("chart-costs").locator("svg.recharts-surface").first()).toBeVisible();

    // A different baseline changes the chart's sentence and the saving; it is kept in the URL.
    const summary = await page.getByTestId("chart-costs-summary").textContent();
    await page.getByLabel("Baseline: every use case on").selectOption("eu.amazon.nova-micro-v1:0");
    await expect(page).toHaveURL(/baseline=eu\.amazon\.nova-micro/);
    await expect(page.getByTestId("chart-costs-summary")).not.toHaveText(summary!);
    await expect(page.getByTestId("costs-saving")).toHaveText(/more$/);

    await page.getByLabel("What if Health used").selectOption("eu.amazon.nova-micro-v1:0");
    const preview = page.getByTestId("whatif-health");
    await expect(preview).toContainText(/\$[\d.]+\/mo, −\$[\d.]+ \(−[\d.]+%\)/);
    await expect(page.getByTestId("costs-whatif-total")).toHaveText(/\/mo$/);
    await expect(page.getByRole("button", { name: /switch/i })).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel("What if Health used")).toHaveValue("eu.amazon.nova-micro-v1:0");
  });

  test("Adoption: per-model adoption, kept against reverted, preferences and traffic share; the period filter changes them", async ({ page }) => {
    await page.goto("/adoption");
    await expect(page.getByRole("heading", { level: 1, name: "Adoption" })).toBeVisible();
    await expect(page.getByTestId("chart-adoption").locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("adoption-outcomes-summary")).toContainText(/auto switches of all time: [\d,]+ kept/);
    await expect(page.getByTestId("preferences-table").locator("tbody tr").first()).toBeVisible();
    await expect(page.getByTestId("preferences-table")).toContainText("admin@switchboard.local");
    await expect(page.getByTestId("chart-traffic-share").locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("chart-traffic-share-summary")).toContainText(/Share of [\d,]+ invocations/);

    const adoptionSummary = await page.getByTestId("chart-adoption-summary").textContent();
    const trafficSummary = await page.getByTestId("chart-traffic-share-summary").textContent();
    await page.getByLabel("Period").selectOption("30d");
    await expect(page).toHaveURL(/range=30d/);
    await expect(page.getByTestId("chart-adoption-summary")).not.toHaveText(adoptionSummary!);
    await expect(page.getByTestId("chart-traffic-share-summary")).not.toHaveText(trafficSummary!);
    await expect(page.getByTestId("adoption-outcomes-summary")).toContainText("in the last 30 days");

    // The text alternative: the numbers behind the chart, one click away.
    await page.getByTestId("chart-adoption").getByText("Show data").click();
    await expect(page.getByTestId("adoption-table").locator("tbody tr").first()).toBeVisible();
  });

  test("an analyst can change nothing: no switch actions anywhere, and the server refuses a switch", async ({ page }) => {
    for (const path of ["/", "/history", "/costs", "/adoption"]) {
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      await expect(page.getByRole("button", { name: /switch|apply what-if/i })).toHaveCount(0);
    }
    const session = (await page.context().cookies()).find((c) => c.name === "sb_session")!;
    const response = await page.request.post("/api/orchestrate", {
      headers: { authorization: `Bearer ${session.value}` },
      data: { action: "switch", useCase: "health", modelId: "eu.amazon.nova-micro-v1:0", reason: "analyst tries" },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    await page.goto("/");
    await expect(page.locator('tr[data-use-case="health"]')).toContainText("Nova Lite");
  });
});

test("an admin's what-if offers the switch, through the confirmation dialog", async ({ page }) => {
  await signInAs(page, DEMO.admin, /\/$/);
  await page.goto("/costs");
  await page.getByLabel("What if Operations used").selectOption("eu.amazon.nova-lite-v1:0");
  const preview = page.getByTestId("whatif-operations");
  await expect(preview).toContainText(/−\$/);
  await preview.getByRole("button", { name: "Switch…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Nova Pro");
  await expect(dialog).toContainText("Nova Lite");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.goto("/");
  await expect(page.locator('tr[data-use-case="operations"]')).toContainText("Nova Pro");
});
