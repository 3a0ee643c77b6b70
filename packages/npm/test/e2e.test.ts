// End to end against the sandbox over real HTTP, once per engine: every resource family, the
// workflows, pagination over 10000+ entries with a saved position, faults, abort, ids at 2^53,
// OAuth (code flow with refresh, implicit flow), and a user-supplied fetch.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { HarvestClient, HarvestError, authorizeUrl, exchangeCode, tokenFromRedirect, randomState, localDate, type Tokens, type FetchLike } from "../dist/node.js";
import { startSandbox, fault, clearFaults, type SandboxInfo } from "./sandbox.js";

const UA = "harvest-sdk npm tests (tests@example.com)";
const today = localDate(new Date());

let demo: Awaited<ReturnType<typeof startSandbox>>;
let big: Awaited<ReturnType<typeof startSandbox>>;
const BIG_ENTRIES = 10_500;

before(async () => {
  demo = await startSandbox(["--seed", "demo", "--no-rate-limit", "--faults"]);
  big = await startSandbox(["--seed", "empty", "--no-rate-limit", "--seed-time-entries", String(BIG_ENTRIES)]);
});
after(() => {
  demo?.stop();
  big?.stop();
});

function clientFor(info: SandboxInfo, engine: "napi" | "wasm", extra: Partial<ConstructorParameters<typeof HarvestClient>[0]> = {}): HarvestClient {
  return new HarvestClient({ accountId: info.account_id, accessToken: info.access_token, userAgent: UA, baseUrl: info.base_url, idBaseUrl: info.base_url, engine, retry: { baseDelayMs: 50, maxDelayMs: 200 }, ...extra });
}

const expectError = async (promise: Promise<unknown>, code: string): Promise<HarvestError> => {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof HarvestError, `not a HarvestError: ${e}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected a ${code} error`);
};

for (const engine of ["napi", "wasm"] as const) {
  describe(`e2e (${engine})`, () => {
    test("runs on the engine it was asked for", async () => {
      assert.equal(await clientFor(demo.info, engine).engineKind(), engine);
    });

    test("every resource family: list, get, create, update, delete", async () => {
      const h = clientFor(demo.info, engine);
      const me = await h.users.me();
      assert.equal(me.id, demo.info.users[0]!.id);
      assert.ok((await h.users.list().all()).length >= 4);
      const company = await h.company.get();
      assert.equal(typeof company.name, "string");

      const client = await h.clients.create({ name: `Acme ${engine}`, currency: "EUR" });
      assert.equal(client.name, `Acme ${engine}`);
      assert.equal((await h.clients.update(client.id, { isActive: false })).is_active, false);
      assert.equal((await h.clients.get(client.id)).id, client.id);
      const contact = await h.contacts.create({ clientId: client.id, firstName: "Ada", email: "ada@example.com" });
      assert.equal(contact.client.id, client.id);
      assert.ok((await h.contacts.list({ clientId: client.id }).all()).some((c) => c.id === contact.id));
      await h.contacts.delete(contact.id);

      const active = await h.clients.create({ name: `Active ${engine}` });
      const task = await h.tasks.create({ name: `Review ${engine}`, defaultHourlyRate: 120 });
      const project = await h.projects.create({ clientId: active.id, name: `Site ${engine}`, isBillable: true, billBy: "Tasks", budgetBy: "project", budget: 100 });
      const ta = await h.projects.taskAssignments.create(project.id, { taskId: task.id, hourlyRate: 150 });
      assert.equal(ta.task?.id, task.id);
      assert.equal((await h.projects.taskAssignments.list(project.id).all()).length >= 1, true);
      const bob = demo.info.users[1]!.id;
      const ua = await h.projects.userAssignments.create(project.id, { userId: bob });
      assert.equal(ua.user?.id, bob);
      assert.ok((await h.userAssignments.list({ isActive: true }).all()).length >= 1);
      assert.ok((await h.taskAssignments.list().all()).length >= 1);
      assert.ok((await h.users.myProjectAssignments().all()).some((a) => a.project.id === project.id));

      const role = await h.roles.create({ name: `Role ${engine}`, userIds: [me.id] });
      assert.equal((await h.roles.get(role.id)).name, `Role ${engine}`);
      await h.roles.delete(role.id);
      const rate = await h.users.billableRates.create(me.id, { amount: 99.5 });
      assert.equal(rate.amount, 99.5);
      assert.ok((await h.users.costRates.list(me.id).all()).length >= 0);

      const entry = await h.timeEntries.create({ projectId: project.id, taskId: task.id, spentDate: today, hours: 1.25, notes: "e2e" });
      assert.equal(entry.hours, 1.25);
      assert.equal((await h.timeEntries.update(entry.id, { notes: "e2e edited" })).notes, "e2e edited");
      const listed = await h.timeEntries.list({ projectId: project.id }).all();
      assert.deepEqual(listed.map((e) => e.id), [entry.id]);

      const category = await h.expenseCategories.create({ name: `Travel ${engine}` });
      const expense = await h.expenses.create({ projectId: project.id, expenseCategoryId: category.id, spentDate: today, totalCost: 42.1 });
      assert.equal(expense.total_cost, 42.1);
      assert.equal((await h.expenses.get(expense.id)).id, expense.id);
      await h.expenses.delete(expense.id);

      const iic = await h.invoiceItemCategories.create({ name: `Hosting ${engine}` });
      assert.ok((await h.invoiceItemCategories.list().all()).some((c) => c.id === iic.id));
      const eic = await h.estimateItemCategories.create({ name: `Design ${engine}` });
      assert.equal((await h.estimateItemCategories.get(eic.id)).name, `Design ${engine}`);
      const estimate = await h.estimates.create({ clientId: active.id, lineItems: [{ kind: "Service", unitPrice: 100, quantity: 2 }] });
      assert.equal(estimate.amount, 200);
      const message = await h.estimates.messages.create(estimate.id, { eventType: "send" });
      assert.equal(message.event_type, "send");

      const projectsReport = await h.reports.time.projects({ from: today, to: today }).all();
      assert.ok(projectsReport.some((r) => r.project_id === project.id && r.total_hours === 1.25));
      const budget = await h.reports.projectBudget({ isActive: true }).all();
      assert.ok(budget.some((r) => r.project_id === project.id));
      await h.timeEntries.delete(entry.id);
      await expectError(h.timeEntries.get(entry.id), "not_found");
    });

    test("workflows: log time, timers, preview, invoice, mark sent, payment, accounts", async () => {
      const h = clientFor(demo.info, engine);
      const client = await h.clients.create({ name: `Billing ${engine}` });
      const task = await h.tasks.create({ name: `Build ${engine}`, defaultHourlyRate: 100 });
      const project = await h.projects.create({ clientId: client.id, name: `Invoiced ${engine}`, isBillable: true, billBy: "Tasks", budgetBy: "none" });
      await h.projects.taskAssignments.create(project.id, { taskId: task.id, hourlyRate: 100, billable: true });
      await h.logTime({ projectId: project.id, taskId: task.id, spentDate: today, hours: 0.1 });
      await h.logTime({ projectId: project.id, taskId: task.id, spentDate: today, hours: 0.2 });
      const timer = await h.startTimer({ projectId: project.id, taskId: task.id });
      assert.equal(timer.is_running, true);
      const stopped = await h.stopRunningTimer();
      assert.equal(stopped?.id, timer.id);
      assert.equal(stopped?.is_running, false);
      assert.equal(await h.stopRunningTimer(), null);
      const restarted = await h.timeEntries.restart(timer.id);
      assert.equal(restarted.is_running, true);
      await h.timeEntries.stop(timer.id);
      await h.timeEntries.delete(timer.id);

      const preview = await h.previewUninvoiced({ clientId: client.id, from: today, to: today });
      assert.equal(preview.hours, 0.3, "hours are summed exactly (0.1 + 0.2)");
      assert.equal(preview.amount, 30);
      const invoice = await h.invoiceFromTrackedTime({ clientId: client.id, from: today, to: today });
      assert.equal(invoice.state, "draft");
      assert.equal(invoice.amount, 30);
      assert.equal((await h.previewUninvoiced({ clientId: client.id, from: today, to: today })).hours, 0);
      await expectError(h.invoiceFromTrackedTime({ clientId: client.id, from: today, to: today }), "invalid_input");
      const sent = await h.markInvoiceSent(invoice.id);
      assert.equal(sent.event_type, "send");
      assert.equal((await h.invoices.get(invoice.id)).state, "open");
      const emailed = await h.sendInvoice(invoice.id, [{ email: "client@example.com", name: "Client" }]);
      assert.ok(emailed.id > 0);
      const payment = await h.recordPayment(invoice.id, { amount: 30, paidDate: today });
      assert.equal(payment.amount, 30);
      assert.equal((await h.invoices.get(invoice.id)).state, "paid");
      assert.equal((await h.invoices.payments.list(invoice.id).all()).length, 1);
      assert.ok((await h.invoices.messages.list(invoice.id).all()).length >= 2);
      const accounts = await h.accounts();
      assert.ok(accounts.accounts.some((a) => a.id === demo.info.account_id));
    });

    test(`pagination over ${BIG_ENTRIES} entries, with a saved position resumed elsewhere`, async () => {
      const h = clientFor(big.info, engine);
      const list = h.timeEntries.list();
      let seen = 0;
      let pages = 0;
      for await (const page of list.pages()) {
        pages += 1;
        seen += page.items.length;
        if (pages === 2) break;
      }
      assert.equal(seen, 4000);
      const position = JSON.parse(JSON.stringify(list.position()));
      const rest = await clientFor(big.info, engine).timeEntries.resume(position).all();
      assert.equal(seen + rest.length, BIG_ENTRIES);
      const ids = new Set(rest.map((e) => e.id));
      assert.equal(ids.size, rest.length, "no entry twice");
      let count = 0;
      for await (const entry of h.timeEntries.list({ perPage: 2000 })) {
        assert.equal(typeof entry.id, "number");
        count += 1;
      }
      assert.equal(count, BIG_ENTRIES);
    });

    test("faults: 5xx and truncated bodies are retried, a dropped POST is not repeated, 429 waits", async () => {
      const h = clientFor(demo.info, engine);
      try {
        await fault(demo.info.base_url, { method: "GET", path: "/v2/projects", times: 2, fault: "status", status: 503 });
        assert.ok((await h.projects.list().all()).length > 0);
        await fault(demo.info.base_url, { method: "GET", path: "/v2/clients", times: 1, fault: "truncate" });
        assert.ok((await h.clients.list().all()).length > 0);
        await fault(demo.info.base_url, { method: "GET", path: "/v2/tasks", times: 1, fault: "rate_limit", retry_after: 1 });
        const started = Date.now();
        assert.ok((await h.tasks.list().all()).length > 0);
        assert.ok(Date.now() - started >= 900, "waited for Retry-After");
        await fault(demo.info.base_url, { method: "POST", path: "/v2/clients", times: 1, fault: "drop" });
        const before = (await h.clients.list().all()).length;
        await expectError(h.clients.create({ name: "Never twice" }), "transport");
        assert.ok((await h.clients.list().all()).length - before <= 1, "the POST was not repeated");
        await fault(demo.info.base_url, { method: "GET", path: "/v2/roles", times: 10, fault: "status", status: 500 });
        const error = await expectError(clientFor(demo.info, engine, { retry: { maxAttempts: 2, baseDelayMs: 10 } }).roles.list().all(), "server");
        assert.equal(error.status, 500);
      } finally {
        await clearFaults(demo.info.base_url);
      }
    });

    test("an AbortSignal cancels a stalled request and a wait", async () => {
      const h = clientFor(demo.info, engine);
      try {
        await fault(demo.info.base_url, { method: "GET", path: "/v2/company", times: 1, fault: "stall", ms: 5000 });
        const started = Date.now();
        await expectError(h.company.get({ signal: AbortSignal.timeout(150) }), "cancelled");
        assert.ok(Date.now() - started < 2000);
        const aborted = new AbortController();
        aborted.abort();
        await expectError(h.users.me({ signal: aborted.signal }), "cancelled");
      } finally {
        await clearFaults(demo.info.base_url);
      }
    });

    test("ids are exact up to 2^53-1; beyond, they are refused before any request", async () => {
      let requests = 0;
      const counting: FetchLike = (url, init) => {
        requests += 1;
        return fetch(url, init as RequestInit);
      };
      const h = clientFor(demo.info, engine, { fetch: counting });
      await expectError(h.projects.get(Number.MAX_SAFE_INTEGER), "not_found");
      assert.equal(requests, 1);
      await expectError(h.projects.get(2 ** 53 + 2), "invalid_input");
      await expectError(h.timeEntries.list({ projectId: 2 ** 53 + 2 }).all(), "invalid_input");
      assert.equal(requests, 1);
      const decoded = await h.engineClient().then((c) => c.engine.decode<{ id: number }>("retrieveClient", { status: 200, body: `{"id": ${Number.MAX_SAFE_INTEGER}, "name": "max"}` }));
      assert.equal(decoded.id, Number.MAX_SAFE_INTEGER);
    });

    test("errors carry code, status and message, never the token", async () => {
      const h = clientFor(demo.info, engine, { accessToken: "sbx-pat-wrong-secret-token" });
      const e = await expectError(h.users.me(), "unauthorized");
      assert.equal(e.status, 401);
      assert.ok(!e.message.includes("wrong-secret"), e.message);
      const ok = clientFor(demo.info, engine);
      const v = await expectError(ok.timeEntries.create({ projectId: 1, taskId: 1, spentDate: today }), "validation");
      assert.equal(v.status, 422);
      await expectError(new HarvestClient({ accessToken: "t", userAgent: "", engine }).users.me(), "invalid_input");
    });

    test("OAuth: code flow with a refresh reported to onTokensRefreshed; implicit flow from the redirect", async () => {
      const app = { clientId: demo.info.oauth_client_id, clientSecret: demo.info.oauth_client_secret, redirectUri: "http://127.0.0.1:9/callback", idBaseUrl: demo.info.base_url, engine };
      const state = randomState();
      const url = await authorizeUrl({ ...app, responseType: "code", state });
      const redirect = (await fetch(url, { redirect: "manual" })).headers.get("location")!;
      const code = new URL(redirect).searchParams.get("code")!;
      const tokens = await exchangeCode({ ...app, code });
      assert.ok(tokens.refreshToken);
      assert.ok(tokens.expiresAtMs !== null && tokens.expiresAtMs > Date.now());
      const refreshed: Tokens[] = [];
      const h = new HarvestClient({
        accountId: demo.info.account_id, accessToken: tokens.accessToken, userAgent: UA, baseUrl: demo.info.base_url, idBaseUrl: demo.info.base_url, engine,
        oauth: { clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: tokens.refreshToken!, expiresAtMs: Date.now() + 10_000 },
        onTokensRefreshed: (t) => void refreshed.push(t),
      });
      assert.equal((await h.users.me()).id, demo.info.users[0]!.id);
      assert.equal(refreshed.length, 1, "refreshed before expiry, once");
      assert.notEqual(refreshed[0]!.accessToken, tokens.accessToken);

      const implicitState = randomState();
      const implicit = await authorizeUrl({ ...app, responseType: "token", state: implicitState });
      const back = (await fetch(implicit, { redirect: "manual" })).headers.get("location")!;
      const token = await tokenFromRedirect(back, implicitState, engine);
      assert.equal(token.refreshToken, null);
      const viaImplicit = new HarvestClient({ accountId: demo.info.account_id, accessToken: token.accessToken, userAgent: UA, baseUrl: demo.info.base_url, engine });
      assert.equal((await viaImplicit.users.me()).id, demo.info.users[0]!.id);
      await expectError(tokenFromRedirect(back, "forged", engine), "invalid_input");
    });
  });
}
