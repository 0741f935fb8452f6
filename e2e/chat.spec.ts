import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./support";

// The chat as an end user meets it: conversations, streamed answers through the invoke path, detection on a new
// conversation, an auto-switch, and a fallback under an injected throttle with its amber toast.
const SERVICE_KEY = "e2e-service-key-0123456789abcdef";
const NOVA2_LITE = "eu.amazon.nova-2-lite-v1:0";
const NOVA_LITE = "eu.amazon.nova-lite-v1:0";
const auth = { authorization: `Bearer ${SERVICE_KEY}` };

const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
const badge = (page: Page) => page.getByTestId("current-model-badge");
const answers = (page: Page) => page.locator('li[data-role="assistant"]');

async function send(page: Page, text: string) {
  const before = await answers(page).count();
  await composer(page).fill(text);
  await composer(page).press("Enter");
  // The answer is stored, and the exchange is no longer in flight, once the composer may send again.
  await expect(answers(page)).toHaveCount(before + 1, { timeout: 15_000 });
  await expect(page.locator('li[data-role="assistant"][aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  return answers(page).last();
}

async function startConversation(page: Page, text: string, useCase = ""): Promise<string> {
  await page.goto("/chat");
  await page.getByLabel("Use case").selectOption(useCase);
  await composer(page).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(answers(page).last()).toContainText("Offline simulation", { timeout: 15_000 });
  return page.url().split("/").pop()!;
}

async function faults(request: APIRequestContext, method: "post" | "delete", data?: Record<string, unknown>) {
  const res = await request[method]("/api/test/faults", { headers: auth, ...(data ? { data } : {}) });
  expect(res.ok(), await res.text()).toBe(true);
}

test.beforeEach(async ({ page }) => {
  await signInAs(page, DEMO.user, /\/chat$/);
});

test.afterAll(async ({ request }) => {
  await faults(request, "delete");
});

test("an end user opens a conversation and the streamed answer names the offline simulation and the model", async ({ page }) => {
  const list = page.getByRole("navigation", { name: "Conversations" });
  await expect(list.getByRole("link", { name: /Sleep and recovery plan/ })).toBeVisible();
  await list.getByRole("link", { name: /Sleep and recovery plan/ }).click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sleep and recovery plan" })).toBeVisible();
  await expect(page.getByTestId("conversation-use-case")).toHaveText("Health");
  const modelName = (await badge(page).textContent())!;
  const modelId = (await badge(page).getAttribute("data-model-id"))!;
  expect(modelName).toMatch(/\S/);

  const answer = await send(page, "How many rest days should I plan after a long run?");
  await expect(answer).toContainText("Offline simulation");
  await expect(answer).toContainText(modelId);
  await expect(answer.getByTestId("message-model")).toHaveText(modelName);
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled(); // empty composer
  await expect(composer(page)).toBeFocused();

  // Stored: a reload shows the exchange again.
  await page.reload();
  await expect(page.locator('li[data-role="user"]').last()).toContainText("How many rest days");
  await expect(answers(page).last()).toContainText("Offline simulation");
});

test("a new conversation takes its use case from the first message; the note names the model that answers now", async ({ page }) => {
  await startConversation(page, "What is the maximum daily dosage of paracetamol for a patient with liver disease, and any contraindications?");
  await expect(page.getByTestId("conversation-use-case")).toHaveText("Clinical");
  const note = page.getByRole("status").filter({ hasText: "Clinical use case detected" });
  await expect(note).toBeVisible();
  const first = (await badge(page).textContent())!;
  await expect(note).toContainText(`so ${first} answers.`);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^What is the maximum daily dosage of paracetamol/);
  const list = page.getByRole("navigation", { name: "Conversations" });
  await expect(list.locator("a[aria-current=page]")).toContainText("Clinical");
  await expect(answers(page)).toHaveCount(1);
  await expect(answers(page).last().getByTestId("message-model")).toHaveText((await badge(page).textContent())!);

  // After the owner changes the model, the note names the new one: it says who answers now, not who answered then.
  await page.getByRole("button", { name: "Change model" }).click();
  const select = page.getByTestId("model-select-dialog");
  const target = select.locator(`[role=option]:not([data-model-id="${await badge(page).getAttribute("data-model-id")}"])`).first();
  const targetId = (await target.getAttribute("data-model-id"))!;
  await target.click();
  await page.getByTestId("confirm-switch-dialog").getByRole("button", { name: "Switch" }).click();
  await expect(badge(page)).toHaveAttribute("data-model-id", targetId);
  const now = (await badge(page).textContent())!;
  expect(now).not.toBe(first);
  await expect(note).toContainText(`so ${now} answers.`);
  await expect(note).not.toContainText(first);
});

test("a message about another use case auto-switches the conversation with a green toast", async ({ page }) => {
  await startConversation(page, "Suggest three names for our team newsletter.", "general");
  await expect(page.getByTestId("conversation-use-case")).toHaveText("General");
  const before = (await badge(page).textContent())!;
  const answer = await send(page, "What is the right dosage of amoxicillin for a patient, and are there contraindications with warfarin?");
  await expect(page.locator('[data-testid="switch-toast"][data-type="auto"]')).toBeVisible();
  await expect(page.locator('li[data-note="auto"]')).toContainText("Switched to");
  await expect(badge(page)).not.toHaveText(before);
  await expect(answer.getByTestId("message-model")).toHaveText((await badge(page).textContent())!);
});

test("under an injected throttle the answer still arrives from the fallback model, with an amber toast", async ({ page, request }) => {
  const id = await startConversation(page, "Give me a packing list for a weekend hike.", "general");
  // A model of its own (not the use case's) keeps the fallback on this conversation, so other tests are unaffected.
  const res = await request.post("/api/orchestrate", {
    headers: auth,
    data: { action: "switch", conversationId: id, modelId: NOVA2_LITE, reason: "e2e setup", showNotification: false },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await page.reload();
  await expect(badge(page)).toHaveAttribute("data-model-id", NOVA2_LITE);

  await faults(request, "post", { modelId: NOVA2_LITE, kind: "throttle", remaining: 1 });
  const answer = await send(page, "And what snacks should I bring?");
  await expect(answer).toContainText("Offline simulation");
  await expect(answer).toContainText(NOVA_LITE);
  const toast = page.locator('[data-testid="switch-toast"][data-type="fallback"]');
  await expect(toast).toBeVisible();
  await expect(toast).toContainText("Nova Lite");
  await expect(badge(page)).toHaveAttribute("data-model-id", NOVA_LITE);
  await expect(page.locator('li[data-note="fallback"]')).toContainText("ThrottlingException");
});

test("the owner changes the model through the selection and confirmation dialogs", async ({ page }) => {
  await startConversation(page, "Brainstorm a title for a blog post about gardening.", "general");
  const before = (await badge(page).getAttribute("data-model-id"))!;
  await page.getByRole("button", { name: "Change model" }).click();
  const select = page.getByTestId("model-select-dialog");
  await expect(select.getByRole("option").first()).toBeVisible();
  const target = select.locator(`[role=option]:not([data-model-id="${before}"])`).first();
  const targetId = (await target.getAttribute("data-model-id"))!;
  await target.click();
  const confirm = page.getByTestId("confirm-switch-dialog");
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Switch" }).click();
  await expect(confirm).toBeHidden();
  await expect(badge(page)).toHaveAttribute("data-model-id", targetId);
  await expect(page.locator('[data-testid="switch-toast"][data-type="manual"]')).toBeVisible();
  const answer = await send(page, "Another title, please.");
  await expect(answer).toContainText(targetId);
});

test("conversations are their owner's only", async ({ page, browser }) => {
  await page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("link", { name: /Medication interaction check/ })
    .click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  const url = page.url();
  const other = await browser.newPage();
  await signInAs(other, DEMO.user2, /\/chat$/);
  await expect(other.getByRole("navigation", { name: "Conversations" })).not.toContainText("Medication interaction check");
  const res = await other.goto(url);
  expect(res?.status()).toBe(404);
  const api = await other.request.get(`/api/chat/${url.split("/").pop()}`);
  expect(api.status()).toBe(404);
  await other.close();
});

test("staff open the chat with their own (empty) list and a way back to the dashboard", async ({ browser }) => {
  const page = await browser.newPage();
  await signInAs(page, DEMO.analyst, /\/$/);
  await page.goto("/chat");
  await expect(page.getByRole("heading", { level: 1, name: "New conversation" })).toBeVisible();
  await expect(page.getByText("No conversations yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to dashboard" })).toBeVisible();
  await page.close();
});

test("the seeded conversations read like real ones: every message has its written answer", async ({ page }) => {
  const list = page.getByRole("navigation", { name: "Conversations" });
  for (const title of ["Medication interaction check", "Sleep and recovery plan", "Warehouse incident follow-up"]) {
    await list.getByRole("link", { name: new RegExp(title) }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const asked = await page.locator('li[data-role="user"]').count();
    expect(asked).toBeGreaterThan(0);
    await expect(answers(page)).toHaveCount(asked);
    // The seeded answers (the first ones: earlier tests may have added exchanges since) are written text from the
    // model that served the conversation, not the offline gateway's echo.
    const seeded = answers(page).first();
    await expect(seeded).not.toContainText(/Offline simulation|simulated/i);
    expect(((await seeded.textContent()) ?? "").length).toBeGreaterThan(200);
    await expect(seeded.getByTestId("message-model")).toHaveText(/\S/);
  }
});

test("where Change model is not offered, the chat says why", async ({ page, browser }) => {
  // Operations sets the model for everyone.
  await page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("link", { name: /Warehouse incident follow-up/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Warehouse incident follow-up" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Change model" })).toHaveCount(0);
  await expect(page.getByTestId("change-model-unavailable")).toHaveText("The operations use case sets the model for everyone.");

  // An analyst chats, but changes no model.
  const analyst = await browser.newPage();
  await signInAs(analyst, DEMO.analyst, /\/$/);
  await analyst.goto("/chat");
  await analyst.getByLabel("Use case").selectOption("general");
  await composer(analyst).fill("Summarise what a model switch log is for.");
  await analyst.getByRole("button", { name: "Send" }).click();
  await expect(analyst).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(answers(analyst).last()).toContainText("Offline simulation", { timeout: 15_000 });
  await expect(analyst.getByRole("button", { name: "Change model" })).toHaveCount(0);
  await expect(analyst.getByTestId("change-model-unavailable")).toHaveText("Your role cannot change models.");
  await analyst.close();
});

test("an archived conversation is read-only: shown with its answers and a note, no composer, no Change model, and the server refuses a message", async ({
  page,
}) => {
  const list = page.getByRole("navigation", { name: "Conversations" });
  const link = list.getByRole("link", { name: /Lab results walkthrough/ });
  await expect(link).toContainText("Archived");
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: "Lab results walkthrough" })).toBeVisible();
  await expect(page.getByTestId("archived-badge")).toHaveText("Archived");
  const note = page.getByRole("note").filter({ hasText: "read-only" });
  await expect(note).toContainText(/^Archived on \d{4}-\d{2}-\d{2}\. This conversation is read-only/);
  await expect(answers(page)).toHaveCount(1);
  await expect(composer(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change model" })).toHaveCount(0);
  await expect(page.getByTestId("change-model-unavailable")).toHaveText("Archived: the model stays as it was.");

  // The server refuses too, whatever the page offers: a message from the browser gets a 409 and nothing is stored.
  const id = page.url().split("/").pop()!;
  const refused = await page.evaluate(async (conversationId) => {
    const res = await fetch(`/api/chat/${conversationId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "One more question." }),
    });
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
  }, id);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("conflict");
  expect(refused.body.error.message).toMatch(/archived and read-only/);
  await page.reload();
  await expect(page.locator('li[data-role="user"]')).toHaveCount(1);
  await expect(note).toBeVisible();
});

test("the owner archives a conversation (it turns read-only at once) and unarchives it to carry on", async ({ page }) => {
  // In general, the use case these specs chat in freely (the realtime spec counts the user's health conversations).
  await startConversation(page, "Suggest a name for our book club.", "general");
  const list = page.getByRole("navigation", { name: "Conversations" });

  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByTestId("archived-badge")).toHaveText("Archived");
  await expect(page.getByTestId("archived-note")).toContainText("This conversation is read-only");
  await expect(composer(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change model" })).toHaveCount(0);
  await expect(list.locator("a[aria-current=page]")).toContainText("Archived");
  // It stays archived after a reload: the state is the server's.
  await page.reload();
  await expect(page.getByTestId("archived-note")).toBeVisible();

  await page.getByTestId("archived-note").getByRole("button", { name: "Unarchive" }).click();
  await expect(page.getByTestId("archived-badge")).toHaveCount(0);
  await expect(list.locator("a[aria-current=page]")).not.toContainText("Archived");
  const answer = await send(page, "And a second one?");
  await expect(answer).toContainText("Offline simulation");
});
