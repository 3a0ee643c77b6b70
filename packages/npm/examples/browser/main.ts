// The browser example: sign in (a pasted token, or the implicit OAuth flow), list projects, log
// time, chart the project budget report, create an invoice from tracked time. Bundled by esbuild.
import { HarvestClient, HarvestError, beginImplicitSignIn, completeImplicitSignIn, localDate, type Project, type ProjectBudgetReportResult } from "../../dist/browser.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const saved = (key: string) => params.get(key) ?? localStorage.getItem(`harvest-example.${key}`) ?? "";
$<HTMLInputElement>("api").value = saved("api");
$<HTMLInputElement>("account").value = saved("account");
$<HTMLInputElement>("client-id").value = saved("clientId");

let client: HarvestClient | null = null;
let selected: Project | null = null;

function status(text: string, error = false): void {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

function remember(): { api: string; account: number } {
  const api = $<HTMLInputElement>("api").value.trim();
  const account = Number($<HTMLInputElement>("account").value);
  localStorage.setItem("harvest-example.api", api);
  localStorage.setItem("harvest-example.account", String(account));
  localStorage.setItem("harvest-example.clientId", $<HTMLInputElement>("client-id").value.trim());
  return { api, account };
}

async function signIn(accessToken: string): Promise<void> {
  const { api, account } = remember();
  client = new HarvestClient({ accountId: account, accessToken, userAgent: "harvest-sdk browser example (example@example.com)", baseUrl: api, idBaseUrl: api, engine: "wasm" });
  const me = await client.users.me();
  status(`Signed in as ${me.first_name} ${me.last_name} (${await client.engineKind()} engine).`);
  $("app").hidden = false;
  await showProjects();
  await showBudgets();
}

async function showProjects(): Promise<void> {
  const list = $("projects");
  list.replaceChildren();
  for await (const project of client!.projects.list({ isActive: true })) {
    const li = document.createElement("li");
    li.textContent = `${project.name} — ${project.client?.name ?? "no client"}`;
    li.dataset.id = String(project.id);
    li.addEventListener("click", () => void select(project, li));
    list.append(li);
    if (selected === null) await select(project, li);
  }
}

async function select(project: Project, li: HTMLElement): Promise<void> {
  selected = project;
  document.querySelectorAll("#projects li").forEach((x) => x.classList.toggle("selected", x === li));
  const tasks = $<HTMLSelectElement>("task");
  tasks.replaceChildren();
  for await (const ta of client!.projects.taskAssignments.list(project.id, { isActive: true })) {
    tasks.append(new Option(ta.task?.name ?? `task ${ta.task?.id}`, String(ta.task?.id)));
  }
}

async function showBudgets(): Promise<void> {
  const rows: ProjectBudgetReportResult[] = (await client!.reports.projectBudget({ isActive: true }).all()).filter((r) => (r.budget ?? 0) > 0);
  const svg = $("chart") as unknown as SVGSVGElement;
  const ns = "http://www.w3.org/2000/svg";
  svg.replaceChildren();
  const barHeight = 22;
  svg.setAttribute("height", String(rows.length * (barHeight + 8) + 10));
  rows.forEach((r, i) => {
    const y = 5 + i * (barHeight + 8);
    const width = (v: number) => String(Math.min(1, v / (r.budget ?? 1)) * 380); // share of this project's budget
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "0");
    label.setAttribute("y", String(y + 15));
    label.textContent = (r.project_name ?? `project ${r.project_id}`).slice(0, 28);
    const spent = document.createElementNS(ns, "rect");
    spent.setAttribute("x", "200");
    spent.setAttribute("y", String(y));
    spent.setAttribute("height", String(barHeight));
    spent.setAttribute("width", width(r.budget_spent ?? 0));
    spent.setAttribute("fill", "#f36c00");
    const rest = document.createElementNS(ns, "rect");
    rest.setAttribute("x", String(200 + Number(width(r.budget_spent ?? 0))));
    rest.setAttribute("y", String(y));
    rest.setAttribute("height", String(barHeight));
    rest.setAttribute("width", width(Math.max(0, r.budget_remaining ?? 0)));
    rest.setAttribute("fill", "#ffd2a8");
    const value = document.createElementNS(ns, "text");
    value.setAttribute("x", String(590));
    value.setAttribute("y", String(y + 15));
    value.setAttribute("text-anchor", "end");
    value.textContent = `${r.budget_spent ?? 0} / ${r.budget ?? 0}`;
    svg.append(label, spent, rest, value);
  });
}

$("use-token").addEventListener("click", () => void signIn($<HTMLInputElement>("token").value.trim()).catch(fail));
$("oauth").addEventListener("click", () => {
  const { api } = remember();
  void beginImplicitSignIn({ clientId: $<HTMLInputElement>("client-id").value.trim(), redirectUri: location.origin + location.pathname, idBaseUrl: api }).catch(fail);
});
$("log").addEventListener("submit", (event) => {
  event.preventDefault();
  const hours = Number($<HTMLInputElement>("hours").value);
  const taskId = Number($<HTMLSelectElement>("task").value);
  void client!.logTime({ projectId: selected!.id, taskId, spentDate: localDate(new Date()), hours }).then(async (entry) => {
    $("logged").textContent = `Logged ${entry.hours} h on ${entry.project.name} (entry ${entry.id}).`;
    await showBudgets();
  }).catch(fail);
});
$("invoice").addEventListener("click", () => {
  const today = localDate(new Date());
  void client!.invoiceFromTrackedTime({ clientId: selected!.client!.id, projectIds: [selected!.id], from: "2000-01-01", to: today }).then((invoice) => {
    $("invoiced").textContent = `Invoice ${invoice.number} for ${invoice.amount} ${invoice.currency ?? ""} created (${invoice.state}).`;
  }).catch(fail);
});

function fail(error: unknown): void {
  status(error instanceof HarvestError ? `${error.code}: ${error.message}` : String(error), true);
}

completeImplicitSignIn().then((tokens) => (tokens ? signIn(tokens.accessToken) : undefined)).catch(fail);
