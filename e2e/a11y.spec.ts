import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, SCREENSHOT_DIR, signInAs } from "./support";

// Every page, for every role that can see it, in both themes, at desktop and phone width: zero serious or critical
// axe violations, no page wider than its viewport, and a full-page screenshot per combination for reviewers
// (test-results/screenshots/<role>-<theme>-<size>-<page>.png, kept after the run).
type Role = "admin" | "analyst" | "user";
type PageSpec = { name: string; path: string };

const DASHBOARD: PageSpec[] = [
  { name: "overview", path: "/" },
  { name: "models", path: "/models" },
  { name: "use-cases", path: "/use-cases" },
  { name: "history", path: "/history" },
  { name: "costs", path: "/costs" },
  { name: "adoption", path: "/adoption" },
];
const CHAT: PageSpec[] = [{ name: "chat", path: "/chat" }];
const PAGES: Record<Role, PageSpec[]> = {
  admin: [...DASHBOARD, { name: "settings", path: "/settings" }, ...CHAT],
  analyst: [...DASHBOARD, ...CHAT],
  user: CHAT,
};
const LANDING: Record<Role, RegExp> = { admin: /\/$/, analyst: /\/$/, user: /\/chat$/ };
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const THEMES = ["light", "dark"] as const;
const FINDINGS_DIR = "test-results/a11y";
const BLOCKING = new Set(["serious", "critical"]);

type Finding = { page: string; rule: string; impact: string; targets: string[] };

async function seriousViolations(page: Page, label: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map((v) => ({
      page: label,
      rule: v.id,
      impact: v.impact ?? "",
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
}

/**
 * On a phone, a table wider than the screen keeps its first column in view while it scrolls sideways, and that column
 * leaves room for the others: returns what breaks that.
 */
async function unpinnedTables(page: Page, label: string): Promise<string[]> {
  return page.locator('[data-slot="table-container"]').evaluateAll(
    (containers, label) =>
      containers.flatMap((container, i) => {
        const box = container.getBoundingClientRect();
        if (container.scrollWidth <= container.clientWidth || box.width === 0) return [];
        const first = container.querySelector("tr > *:first-child");
        if (!first) return [];
        const before = container.scrollLeft;
        container.scrollLeft = container.scrollWidth;
        const cell = first.getBoundingClientRect();
        container.scrollLeft = before;
        const problems: string[] = [];
        if (cell.left < box.left - 1) problems.push(`${label} table ${i}: first column scrolls away`);
        if (cell.width > box.width * 0.6) problems.push(`${label} table ${i}: first column ${Math.round(cell.width)}px of ${Math.round(box.width)}px`);
        return problems;
      }),
    label,
  );
}

async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** The page has rendered its main content and nothing is still loading. */
async function settle(page: Page) {
  // (Not "networkidle": the realtime stream stays open.)
  await page.waitForLoadState("load");
  await expect(page.locator("main h1").first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(page.locator('[data-slot="skeleton"]')).toHaveCount(0);
}

const storage = new Map<Role, Awaited<ReturnType<Awaited<ReturnType<Browser["newContext"]>>["storageState"]>>>();

for (const role of Object.keys(PAGES) as Role[]) {
  test.describe(`${role} pages`, () => {
    test.beforeAll(async ({ browser }) => {
      // Sign in once per role; every theme and size reuses the session.
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAs(page, DEMO[role], LANDING[role]);
      storage.set(role, await context.storageState());
      await context.close();
    });

    for (const theme of THEMES) {
      for (const [size, viewport] of Object.entries(SIZES)) {
        test(`${role}, ${theme}, ${size}: no serious axe violation and nothing wider than the screen`, async ({ browser }) => {
          test.setTimeout(180_000);
          const context = await browser.newContext({ storageState: storage.get(role), viewport, colorScheme: theme });
          const page = await context.newPage();
          const findings: Finding[] = [];
          const tooWide: string[] = [];
          const visit = async (name: string) => {
            const label = `${role}-${theme}-${size}-${name}`;
            // A page that does not render is a finding too; the other pages are still checked.
            const rendered = await settle(page).then(
              () => true,
              (err: Error) => {
                findings.push({ page: label, rule: "renders", impact: "critical", targets: [err.message.split("\n")[0]!] });
                return false;
              },
            );
            if (!rendered) return;
            findings.push(...(await seriousViolations(page, label)));
            const { scrollWidth, innerWidth } = await overflow(page);
            if (scrollWidth > innerWidth) tooWide.push(`${label}: ${scrollWidth}px on ${innerWidth}px`);
            if (size === "phone") tooWide.push(...(await unpinnedTables(page, label)));
            await page.screenshot({ path: `${SCREENSHOT_DIR}/${label}.png`, fullPage: true });
          };

          try {
            for (const { name, path } of PAGES[role]) {
              await page.goto(path);
              await visit(name);
            }

            // The open theme menu hides the rest of the page from screen readers; nothing hidden may keep focus.
            await page.getByRole("button", { name: "Toggle theme" }).click();
            await expect(page.getByRole("menu")).toBeVisible();
            findings.push(...(await seriousViolations(page, `${role}-${theme}-${size}-theme-menu`)));
            await page.keyboard.press("Escape");

            // A conversation, where the role has one.
            if (role === "user") {
              await page.getByRole("navigation", { name: "Conversations" }).locator("a[data-conversation-id]").first().click();
              await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
              await visit("conversation");
            }
          } finally {
            await context.close();
            fs.mkdirSync(FINDINGS_DIR, { recursive: true });
            fs.writeFileSync(`${FINDINGS_DIR}/${role}-${theme}-${size}.json`, JSON.stringify({ findings, tooWide }, null, 2));
          }
          expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
          expect(tooWide).toEqual([]);
        });
      }
    }
  });
}
