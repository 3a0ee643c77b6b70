// Starts the workspace's harvest-sandbox on a free port and reads its one JSON start line.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface SandboxInfo {
  base_url: string;
  account_id: number;
  access_token: string;
  member_access_token: string;
  oauth_client_id: string;
  oauth_client_secret: string;
  users: { id: number; email: string; access_token: string; is_admin: boolean }[];
}

export const SANDBOX_BIN = new URL("../../../target/debug/harvest-sandbox", import.meta.url).pathname;

export async function startSandbox(args: string[] = []): Promise<{ info: SandboxInfo; stop: () => void; child: ChildProcess }> {
  const child = spawn(SANDBOX_BIN, ["--port", "0", "--json", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<SandboxInfo>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the sandbox exited (${code}) before it started`)));
    lines.once("line", (line) => resolve(JSON.parse(line) as SandboxInfo));
  });
  return { info, child, stop: () => void child.kill() };
}

/** Installs a fault (`POST /_sandbox/faults`); the sandbox must run with --faults. */
export async function fault(baseUrl: string, spec: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${baseUrl}/_sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(spec) });
  if (res.status !== 201) throw new Error(`fault not installed: ${res.status} ${await res.text()}`);
}

export async function clearFaults(baseUrl: string): Promise<void> {
  await fetch(`${baseUrl}/_sandbox/faults`, { method: "DELETE" });
}
