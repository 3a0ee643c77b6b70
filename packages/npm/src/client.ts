/** `HarvestClient`: the surface of DESIGN §5 in JS naming. Resource namespaces named as the
 * Harvest docs name them (`client.timeEntries.list({ projectId })` is an async iterable of typed
 * objects, with `.pages()` and a resumable position), get/create/update/delete, and the
 * workflows Harvest makes multi-step as one call each. */

import { drive, type FetchLike } from "./driver.js";
import type { EngineClient, Paginator, Position, TokensJson } from "./engine.js";
import { loadEngine, type EngineChoice } from "./engines.js";
import { HarvestError } from "./errors.js";
import { sumDecimals } from "./decimal.js";
import { checkId, toWire, type Params, type ParamValue } from "./params.js";
import type * as M from "./models.js";

/** OAuth tokens, as handed to `onTokensRefreshed` to persist. */
export interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token expires, epoch milliseconds. */
  expiresAtMs: number | null;
  scope: string | null;
  /** The Harvest account ids in the granted scope. */
  accountIds: number[];
}

export function tokensFromEngine(t: TokensJson): Tokens {
  return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAtMs: t.expires_at_ms, scope: t.scope, accountIds: t.account_ids };
}

export interface ClientOptions {
  /** The Harvest account id (`Harvest-Account-Id`); leave out for account discovery. */
  accountId?: number;
  /** A personal access token, or the current OAuth access token. */
  accessToken: string;
  /** Your app's name and a contact, e.g. `MyApp (me@example.com)`. Mandatory at Harvest. */
  userAgent: string;
  /** The API base URL (default `https://api.harvestapp.com`; the sandbox's URL in tests). */
  baseUrl?: string;
  /** The identity base URL (default `https://id.getharvest.com`). */
  idBaseUrl?: string;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxTotalWaitMs?: number; defaultRetryAfterMs?: number };
  rateLimits?: { general?: { requests: number; windowMs: number }; reports?: { requests: number; windowMs: number }; enabled?: boolean };
  /** OAuth: refresh the access token with these (before expiry, and once after a 401). */
  oauth?: { clientId: string; clientSecret?: string; redirectUri?: string; refreshToken?: string; expiresAtMs?: number };
  /** Called with new tokens after a refresh: persist them. */
  onTokensRefreshed?: (tokens: Tokens) => void | Promise<void>;
  /** The HTTP function (default: the global `fetch`). Any fetch-compatible function works. */
  fetch?: FetchLike;
  /** Which engine: `auto` (native addon on Node when built, else WebAssembly), `napi` or `wasm`. */
  engine?: EngineChoice;
  /** Per-request timeout in milliseconds; a timed-out request is retried where that is safe. */
  timeoutMs?: number;
  /** Decode every answer strictly into the typed models in the engine (each field checked; a
   * `null` or missing non-nullable field becomes its default). By default answers are checked in
   * the engine (status, well-formed JSON of the right shape) and parsed by `JSON.parse` as
   * Harvest sent them, several times faster. */
  validate?: boolean;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborting cancels the call: it rejects with `HarvestError` code `cancelled`. */
  signal?: AbortSignal;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  page: number | null;
  perPage: number | null;
  totalPages: number | null;
  totalEntries: number | null;
  nextPage: number | null;
  previousPage: number | null;
  links: M.Links;
}

const ENVELOPE = new Set(["per_page", "total_pages", "total_entries", "next_page", "previous_page", "page", "links"]);

function toPage<T>(envelope: Record<string, unknown>): Page<T> {
  const key = Object.keys(envelope).find((k) => !ENVELOPE.has(k) && Array.isArray(envelope[k]));
  const n = (k: string) => (envelope[k] as number | null | undefined) ?? null;
  return {
    items: (key ? envelope[key] : []) as T[],
    page: n("page"),
    perPage: n("per_page"),
    totalPages: n("total_pages"),
    totalEntries: n("total_entries"),
    nextPage: n("next_page"),
    previousPage: n("previous_page"),
    links: envelope.links as M.Links,
  };
}

/** A lazy, auto-paginating list: `for await (const x of list)`, `.pages()`, `.all()`, and
 * `.position()` to resume later (page-granular: resuming starts at the next page not yet read).
 * The first page is fetched alone (the first item or page costs one request); from the second page
 * on, the next page is fetched while the caller works through the one before. Leaving the loop
 * early aborts that fetch. */
export class ItemList<T> implements AsyncIterable<T> {
  #client: HarvestClient;
  #start: (engine: EngineClient) => Paginator<Record<string, unknown>>;
  #options: CallOptions;
  #paginator: Paginator<Record<string, unknown>> | null = null;
  #position: Position | null = null;

  constructor(client: HarvestClient, start: (engine: EngineClient) => Paginator<Record<string, unknown>>, options: CallOptions = {}) {
    this.#client = client;
    this.#start = start;
    this.#options = options;
  }

  /** The pages, one request each, as they are read. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    if (this.#paginator !== null) throw new HarvestError("invalid_input", "this list is already being read; start a new one with list() or resume()");
    const engine = await this.#client.engineClient();
    const paginator = (this.#paginator = this.#start(engine));
    // The read-ahead stops when the caller's signal aborts or the caller leaves the loop.
    const stop = new AbortController();
    const signal = this.#options.signal;
    const onAbort = () => stop.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    const options = { ...this.#options, signal: stop.signal };
    let ahead: Promise<Record<string, unknown> | null> | null = null;
    try {
      for (let asked = 1; ; asked++) {
        const page = await (ahead ?? this.#client.drive(paginator, options));
        ahead = null;
        this.#position = paginator.position();
        if (page === null) return;
        if (asked > 1 && (page.links as M.Links | undefined)?.next) {
          ahead = this.#client.drive(paginator, options);
          // Its error is the caller's when the caller reaches that page, not an unhandled rejection now.
          ahead.catch(() => undefined);
        }
        yield toPage<T>(page);
      }
    } finally {
      if (ahead !== null) {
        stop.abort(new Error("the list was left before this page"));
        await ahead.catch(() => undefined);
      }
      signal?.removeEventListener("abort", onAbort);
      paginator.free();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item, every page. */
  async all(): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages()) items.push(...page.items);
    return items;
  }

  /** Where reading stands (JSON-serialisable), or `null` before the first page. */
  position(): Position | null {
    return this.#position;
  }
}

type Ops = { list?: string; get?: string; create?: string; update?: string; delete?: string };

/** A top-level resource: `client.projects.get(1)`. */
export class Resource<T> {
  constructor(protected readonly client: HarvestClient, protected readonly ops: Ops) {}

  list(params: Params = {}, options?: CallOptions): ItemList<T> {
    return this.client.list<T>(this.op("list"), [], params, options);
  }
  /** Resumes a list from a position saved with `ItemList.position()`. */
  resume(position: Position, options?: CallOptions): ItemList<T> {
    return this.client.resume<T>(position, options);
  }
  get(id: number, options?: CallOptions): Promise<T> {
    return this.client.call<T>(this.op("get"), [id], null, options);
  }
  create(params: Params, options?: CallOptions): Promise<T> {
    return this.client.call<T>(this.op("create"), [], params, options);
  }
  update(id: number, params: Params, options?: CallOptions): Promise<T> {
    return this.client.call<T>(this.op("update"), [id], params, options);
  }
  async delete(id: number, options?: CallOptions): Promise<void> {
    await this.client.call(this.op("delete"), [id], null, options);
  }
  protected op(kind: keyof Ops): string {
    const id = this.ops[kind];
    if (!id) throw new HarvestError("invalid_input", `this resource has no ${kind} operation`);
    return id;
  }
}

/** A resource under a parent: `client.invoices.payments.list(invoiceId)`. */
export class NestedResource<T> {
  constructor(protected readonly client: HarvestClient, protected readonly ops: Ops) {}

  list(parentId: number, params: Params = {}, options?: CallOptions): ItemList<T> {
    return this.client.list<T>(this.op("list"), [parentId], params, options);
  }
  get(parentId: number, id: number, options?: CallOptions): Promise<T> {
    return this.client.call<T>(this.op("get"), [parentId, id], null, options);
  }
  create(parentId: number, params: Params, options?: CallOptions): Promise<T> {
    return this.client.call<T>(this.op("create"), [parentId], params, options);
  }
  update(parentId: number, id: number, params: Params, options?: CallOptions): Promise<T> {
    return this.client.call<T>(this.op("update"), [parentId, id], params, options);
  }
  async delete(parentId: number, id: number, options?: CallOptions): Promise<void> {
    await this.client.call(this.op("delete"), [parentId, id], null, options);
  }
  protected op(kind: keyof Ops): string {
    const id = this.ops[kind];
    if (!id) throw new HarvestError("invalid_input", `this resource has no ${kind} operation`);
    return id;
  }
}

const crud = (plural: string, singular: string): Ops => ({
  list: `list${plural}`,
  get: `retrieve${singular}`,
  create: `create${singular}`,
  update: `update${singular}`,
  delete: `delete${singular}`,
});

export class TimeEntries extends Resource<M.TimeEntry> {
  /** Stops a running timer. */
  stop(id: number, options?: CallOptions): Promise<M.TimeEntry> {
    return this.client.call("stopRunningTimeEntry", [id], null, options);
  }
  /** Restarts a stopped timer. */
  restart(id: number, options?: CallOptions): Promise<M.TimeEntry> {
    return this.client.call("restartStoppedTimeEntry", [id], null, options);
  }
  /** Removes the link to another service (Trello card, GitHub issue...). */
  async deleteExternalReference(id: number, options?: CallOptions): Promise<void> {
    await this.client.call("deleteTimeEntryExternalReference", [id], null, options);
  }
}

export class Projects extends Resource<M.Project> {
  readonly taskAssignments = new NestedResource<M.TaskAssignment>(this.client, {
    list: "listTaskAssignmentsForSpecificProject", get: "retrieveTaskAssignment", create: "createTaskAssignment", update: "updateTaskAssignment", delete: "deleteTaskAssignment",
  });
  readonly userAssignments = new NestedResource<M.UserAssignment>(this.client, {
    list: "listUserAssignmentsForSpecificProject", get: "retrieveUserAssignment", create: "createUserAssignment", update: "updateUserAssignment", delete: "deleteUserAssignment",
  });
}

export class Users extends Resource<M.User> {
  readonly billableRates = new NestedResource<M.BillableRate>(this.client, { list: "listBillableRatesForSpecificUser", get: "retrieveBillableRate", create: "createBillableRate" });
  readonly costRates = new NestedResource<M.CostRate>(this.client, { list: "listCostRatesForSpecificUser", get: "retrieveCostRate", create: "createCostRate" });
  readonly projectAssignments = new NestedResource<M.ProjectAssignment>(this.client, { list: "listActiveProjectAssignments" });
  readonly teammates = new NestedResource<M.Teammate>(this.client, { list: "listAssignedTeammatesForSpecificUser" });
  /** The token's user. */
  me(options?: CallOptions): Promise<M.User> {
    return this.client.call("retrieveTheCurrentlyAuthenticatedUser", [], null, options);
  }
  /** The token's user's active project assignments. */
  myProjectAssignments(params: Params = {}, options?: CallOptions): ItemList<M.ProjectAssignment> {
    return this.client.list("listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser", [], params, options);
  }
  /** Replaces a manager's assigned teammates. */
  updateTeammates(userId: number, params: Params, options?: CallOptions): Promise<M.TeammatesPatchResponse> {
    return this.client.call("updateUserAssignedTeammates", [userId], params, options);
  }
}

export class InvoiceMessages extends NestedResource<M.InvoiceMessage> {
  /** The subject and body Harvest would use for a new message. */
  draft(invoiceId: number, params: Params = {}, options?: CallOptions): Promise<M.InvoiceMessageSubjectAndBody> {
    return this.client.call("retrieveInvoiceMessageSubjectAndBodyForSpecificInvoice", [invoiceId], params, options);
  }
}

export class Invoices extends Resource<M.Invoice> {
  readonly messages = new InvoiceMessages(this.client, { list: "listMessagesForInvoice", create: "createInvoiceMessage", delete: "deleteInvoiceMessage" });
  readonly payments = new NestedResource<M.InvoicePayment>(this.client, { list: "listPaymentsForInvoice", create: "createInvoicePayment", delete: "deleteInvoicePayment" });
}

export class Estimates extends Resource<M.Estimate> {
  readonly messages = new NestedResource<M.EstimateMessage>(this.client, { list: "listMessagesForEstimate", create: "createEstimateMessage", delete: "deleteEstimateMessage" });
}

export class Company {
  constructor(private readonly client: HarvestClient) {}
  get(options?: CallOptions): Promise<M.Company> {
    return this.client.call("retrieveCompany", [], null, options);
  }
  update(params: Params, options?: CallOptions): Promise<M.Company> {
    return this.client.call("updateCompany", [], params, options);
  }
}

/** Reports: each is a list of rows, paginated like any list. */
export class Reports {
  constructor(private readonly client: HarvestClient) {}
  #rows<T>(op: string, params: Params, options?: CallOptions): ItemList<T> {
    return this.client.list<T>(op, [], params, options);
  }
  readonly time = {
    clients: (p: Params, o?: CallOptions) => this.#rows<M.TimeReportsResult>("clientsTimeReport", p, o),
    projects: (p: Params, o?: CallOptions) => this.#rows<M.TimeReportsResult>("projectsTimeReport", p, o),
    tasks: (p: Params, o?: CallOptions) => this.#rows<M.TimeReportsResult>("tasksReport", p, o),
    team: (p: Params, o?: CallOptions) => this.#rows<M.TimeReportsResult>("teamTimeReport", p, o),
  };
  readonly expenses = {
    clients: (p: Params, o?: CallOptions) => this.#rows<M.ExpenseReportsResult>("clientsExpensesReport", p, o),
    projects: (p: Params, o?: CallOptions) => this.#rows<M.ExpenseReportsResult>("projectsExpensesReport", p, o),
    categories: (p: Params, o?: CallOptions) => this.#rows<M.ExpenseReportsResult>("expenseCategoriesReport", p, o),
    team: (p: Params, o?: CallOptions) => this.#rows<M.ExpenseReportsResult>("teamExpensesReport", p, o),
  };
  /** Budget used and remaining per project. */
  projectBudget(params: Params = {}, options?: CallOptions): ItemList<M.ProjectBudgetReportResult> {
    return this.#rows("projectBudgetReport", params, options);
  }
  /** Uninvoiced hours, expenses and amounts per project between `from` and `to`. */
  uninvoiced(params: Params, options?: CallOptions): ItemList<M.UninvoicedReportResult> {
    return this.#rows("uninvoicedReport", params, options);
  }
}

/** What `invoiceFromTrackedTime` would bill. */
export interface UninvoicedPreview {
  clientId: number;
  from: string;
  to: string;
  projects: M.UninvoicedReportResult[];
  hours: number;
  expenses: number;
  amount: number;
  currency: string | null;
}

/** A Harvest API client; see the package README. */
export class HarvestClient {
  readonly timeEntries = new TimeEntries(this, crud("TimeEntries", "TimeEntry"));
  readonly clients = new Resource<M.Client>(this, crud("Clients", "Client"));
  readonly contacts = new Resource<M.Contact>(this, crud("Contacts", "Contact"));
  readonly company = new Company(this);
  readonly projects = new Projects(this, crud("Projects", "Project"));
  readonly taskAssignments = new Resource<M.TaskAssignment>(this, { list: "listTaskAssignments" });
  readonly userAssignments = new Resource<M.UserAssignment>(this, { list: "listUserAssignments" });
  readonly tasks = new Resource<M.Task>(this, crud("Tasks", "Task"));
  readonly roles = new Resource<M.Role>(this, crud("Roles", "Role"));
  readonly users = new Users(this, crud("Users", "User"));
  readonly invoices = new Invoices(this, crud("Invoices", "Invoice"));
  readonly invoiceItemCategories = new Resource<M.InvoiceItemCategory>(this, crud("InvoiceItemCategories", "InvoiceItemCategory"));
  readonly estimates = new Estimates(this, crud("Estimates", "Estimate"));
  readonly estimateItemCategories = new Resource<M.EstimateItemCategory>(this, crud("EstimateItemCategories", "EstimateItemCategory"));
  readonly expenses = new Resource<M.Expense>(this, crud("Expenses", "Expense"));
  readonly expenseCategories = new Resource<M.ExpenseCategory>(this, crud("ExpenseCategories", "ExpenseCategory"));
  readonly reports = new Reports(this);

  #options: ClientOptions;
  #engine: Promise<EngineClient> | null = null;

  constructor(options: ClientOptions) {
    this.#options = { ...options };
  }

  /** The engine-side client, created on first use. */
  engineClient(): Promise<EngineClient> {
    this.#engine ??= (async () => {
      const { fetch: _f, engine: _e, timeoutMs: _t, onTokensRefreshed: _o, validate, ...rest } = this.#options;
      let engine = await loadEngine(this.#options.engine ?? "auto");
      if (validate === true) engine = await engine.strict();
      return engine.client(toWire(rest as Params) as object, { validate: validate === true });
    })();
    return this.#engine;
  }

  /** Which engine this client runs on (`napi` or `wasm`). */
  async engineKind(): Promise<string> {
    return (await this.engineClient()).engine.kind;
  }

  /** Drives a call or paginator step with this client's fetch, timeout and token events. */
  async drive<T>(stepper: Parameters<typeof drive<T>>[0], options: CallOptions = {}): Promise<T> {
    const engine = await this.engineClient();
    const fetchFn = this.#options.fetch ?? defaultFetch();
    if (!fetchFn) throw new HarvestError("invalid_input", "no fetch function: pass `fetch` in the client options");
    return drive(stepper, {
      fetch: fetchFn,
      signal: options.signal,
      timeoutMs: this.#options.timeoutMs,
      afterStep: async () => {
        for (const event of engine.takeEvents()) {
          if (event.kind === "tokens_refreshed") await this.#options.onTokensRefreshed?.(tokensFromEngine(event.tokens));
        }
      },
    });
  }

  /** Calls any operation by its OpenAPI operationId (e.g. `retrieveProject`), with its path ids
   * in order and its params (camelCase or snake_case). The answer is the decoded JSON. */
  async call<T = unknown>(operationId: string, pathIds: number[] = [], params: Params | null = null, options: CallOptions = {}): Promise<T> {
    pathIds.forEach((id, i) => checkId(id, `path id ${i + 1} of ${operationId}`));
    const wire = params === null ? null : (toWire(params) as object);
    const engine = await this.engineClient();
    const call = engine.call<T>(operationId, pathIds, wire);
    try {
      return await this.drive(call, options);
    } finally {
      call.free();
    }
  }

  /** Lists any list operation, lazily, page by page. */
  list<T = unknown>(operationId: string, pathIds: number[] = [], params: Params = {}, options: CallOptions = {}): ItemList<T> {
    return new ItemList<T>(this, (engine) => {
      pathIds.forEach((id, i) => checkId(id, `path id ${i + 1} of ${operationId}`));
      return engine.paginate(operationId, pathIds, toWire(params) as object);
    }, options);
  }

  /** Resumes any list from a saved position. */
  resume<T = unknown>(position: Position, options: CallOptions = {}): ItemList<T> {
    return new ItemList<T>(this, (engine) => engine.resume(position), options);
  }

  /** Sets the account id (after account discovery). */
  async setAccountId(accountId: number): Promise<void> {
    (await this.engineClient()).setAccountId(checkId(accountId, "accountId"));
  }

  /** Replaces the tokens (after the user signed in again). */
  async setTokens(tokens: { accessToken: string; refreshToken?: string | null; expiresAtMs?: number | null }): Promise<void> {
    (await this.engineClient()).setTokens({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken ?? null, expires_at_ms: tokens.expiresAtMs ?? null });
  }

  // ---- workflows ----

  /** The user and the accounts the token reaches (on Harvest ID; no account id needed). */
  accounts(options?: CallOptions): Promise<M.Accounts> {
    return this.call("listAccounts", [], null, options);
  }

  /** What `invoiceFromTrackedTime` would bill: the uninvoiced report for the client's projects
   * (all of them when `projectIds` is empty) between `from` and `to`, summed exactly. */
  async previewUninvoiced(args: { clientId: number; projectIds?: number[]; from: string; to: string }, options?: CallOptions): Promise<UninvoicedPreview> {
    const { clientId, from, to } = args;
    const wanted = new Set(args.projectIds ?? []);
    const projects: M.UninvoicedReportResult[] = [];
    for await (const row of this.reports.uninvoiced({ from, to }, options)) {
      if (row.client_id === clientId && (wanted.size === 0 || (row.project_id !== null && wanted.has(row.project_id)))) projects.push(row);
    }
    const sum = (f: (p: M.UninvoicedReportResult) => number | null) => sumDecimals(projects.map(f).filter((v): v is number => v !== null));
    return {
      clientId, from, to, projects,
      hours: sum((p) => p.uninvoiced_hours),
      expenses: sum((p) => p.uninvoiced_expenses),
      amount: sum((p) => p.uninvoiced_amount),
      currency: projects.find((p) => p.currency !== null)?.currency ?? null,
    };
  }

  /** Creates a draft invoice whose lines Harvest imports from the tracked time of `projectIds`
   * (or, if none are given, of the client's projects with uninvoiced hours) between `from` and
   * `to`, one line per project; that time becomes billed. */
  async invoiceFromTrackedTime(args: { clientId: number; projectIds?: number[]; from: string; to: string; subject?: string; notes?: string }, options?: CallOptions): Promise<M.Invoice> {
    let projectIds = args.projectIds ?? [];
    if (projectIds.length === 0) {
      const preview = await this.previewUninvoiced({ clientId: args.clientId, from: args.from, to: args.to }, options);
      projectIds = preview.projects.filter((p) => (p.uninvoiced_hours ?? 0) > 0 && p.project_id !== null).map((p) => p.project_id!);
      if (projectIds.length === 0) throw new HarvestError("invalid_input", `client ${args.clientId} has no uninvoiced hours between ${args.from} and ${args.to}`);
    }
    const params: Params = {
      clientId: args.clientId,
      subject: args.subject,
      notes: args.notes,
      lineItemsImport: { projectIds, time: { summaryType: "project", from: args.from, to: args.to } },
    };
    return this.invoices.create(params, options);
  }

  /** Marks a draft invoice as sent without emailing anyone (a message with `event_type: send`). */
  markInvoiceSent(invoiceId: number, options?: CallOptions): Promise<M.InvoiceMessage> {
    return this.invoices.messages.create(invoiceId, { eventType: "send" }, options);
  }

  /** Emails the invoice to these recipients (Harvest's default subject and body, PDF attached). */
  sendInvoice(invoiceId: number, recipients: { email: string; name?: string }[], options?: CallOptions): Promise<M.InvoiceMessage> {
    if (recipients.length === 0) return Promise.reject(new HarvestError("invalid_input", "an invoice is sent to at least one recipient"));
    return this.invoices.messages.create(invoiceId, { recipients: recipients as ParamValue, attachPdf: true }, options);
  }

  /** Records a payment without Harvest's thank-you email. */
  recordPayment(invoiceId: number, args: { amount: number; paidDate: string; notes?: string }, options?: CallOptions): Promise<M.InvoicePayment> {
    if (!(args.amount > 0)) return Promise.reject(new HarvestError("invalid_input", `a payment amount must be positive, not ${args.amount}`));
    return this.invoices.payments.create(invoiceId, { amount: args.amount, paidDate: args.paidDate, notes: args.notes, sendThankYou: false }, options);
  }

  /** Logs `hours` on a project's task for a day, as the token's user. */
  logTime(args: { projectId: number; taskId: number; spentDate: string; hours: number; notes?: string; userId?: number }, options?: CallOptions): Promise<M.TimeEntry> {
    if (!(args.hours > 0)) return Promise.reject(new HarvestError("invalid_input", `hours must be positive, not ${args.hours}`));
    return this.timeEntries.create({ ...args }, options);
  }

  /** Starts a timer on a project's task (today unless `spentDate` says otherwise). */
  startTimer(args: { projectId: number; taskId: number; spentDate?: string; notes?: string }, options?: CallOptions): Promise<M.TimeEntry> {
    return this.timeEntries.create({ ...args, spentDate: args.spentDate ?? localDate(new Date()) }, options);
  }

  /** Stops the token's user's running timer: `null` when none was running. */
  async stopRunningTimer(options?: CallOptions): Promise<M.TimeEntry | null> {
    const me = await this.users.me(options);
    let stopped: M.TimeEntry | null = null;
    for (const entry of await this.timeEntries.list({ userId: me.id, isRunning: true }, options).all()) {
      const done = await this.timeEntries.stop(entry.id, options);
      stopped ??= done;
    }
    return stopped;
  }
}

/** The global `fetch`, bound (browsers refuse it called on another object). */
export function defaultFetch(): FetchLike | undefined {
  return typeof globalThis.fetch === "function" ? (globalThis.fetch.bind(globalThis) as unknown as FetchLike) : undefined;
}

/** `YYYY-MM-DD` of a date in local time. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
