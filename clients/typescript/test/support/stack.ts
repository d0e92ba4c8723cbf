// Starts what the contract suite runs against: the fake Slack/Discord, the real service (its build output,
// Production mode, a fresh SQLite database) and Prism in proxy mode between the client and the service, validating
// every response against contracts/openapi.json. Everything is stopped by stop(), also when a test failed.
import { ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const repoRoot = resolve(__dirname, "../../../../..");
export const contractPath = join(repoRoot, "contracts", "openapi.json");
const configuration = process.env.CONNECTIONS_CONFIGURATION ?? "Release";
const webApiDll = join(repoRoot, "src/WebApi/bin", configuration, "net10.0/Connections.WebApi.dll");
const fakeDll = join(repoRoot, "tests/FakePlatforms/bin", configuration, "net10.0/Connections.FakePlatforms.dll");

export type Role = "owner" | "member" | "application";

export interface Stack {
  /** Prism's URL: what the generated client talks to. */
  baseUrl: string;
  /** The service's own URL (Link headers point here). */
  serviceUrl: string;
  createKey(email: string, role: Role): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, what: string, child: Running, accept: (status: number) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${what} exited with ${child.process.exitCode}:\n${child.output()}`);
    }
    try {
      const response = await fetch(url);
      if (accept(response.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer ${url} within 60 s:\n${child.output()}`);
}

interface Running {
  process: ChildProcess;
  output(): string;
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 200) lines.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { process: child, output: () => lines.join("") };
}

async function kill(running: Running | undefined): Promise<void> {
  if (!running || running.process.exitCode !== null || running.process.signalCode !== null) return;
  const exited = new Promise((r) => running.process.once("exit", r));
  running.process.kill("SIGTERM");
  const timer = setTimeout(() => running.process.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function startStack(): Promise<Stack> {
  const dataDirectory = mkdtempSync(join(tmpdir(), "connections-contract-"));
  const started: Running[] = [];
  const stop = async () => {
    await Promise.all(started.map(kill));
    rmSync(dataDirectory, { recursive: true, force: true });
  };
  try {
    const [fakePort, servicePort, prismPort] = [await freePort(), await freePort(), await freePort()];
    const fakeUrl = `http://127.0.0.1:${fakePort}`;
    const serviceUrl = `http://127.0.0.1:${servicePort}`;
    const baseUrl = `http://127.0.0.1:${prismPort}`;

    const fake = start("dotnet", [fakeDll, "--urls", fakeUrl], { ...process.env, ASPNETCORE_ENVIRONMENT: "Production" });
    started.push(fake);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Production",
      DOTNET_NOLOGO: "1",
      Database__Provider: "Sqlite",
      Database__DataDirectory: dataDirectory,
      Bootstrap__CreateOwnerKey: "false",
      Platforms__Slack__BaseUrl: `${fakeUrl}/slack/api/`,
      Platforms__Discord__BaseUrl: `${fakeUrl}/discord/api/v10/`,
      // Quick give-up on a failing platform, as in the functional tests: the suite must stay fast.
      Platforms__Resilience__TotalTimeout: "00:00:05",
      Platforms__Resilience__AttemptTimeout: "00:00:01",
      Platforms__Resilience__BaseDelay: "00:00:00.050",
      Platforms__Resilience__MaxDelay: "00:00:00.200",
      Platforms__Resilience__MaxRetryAfter: "00:00:02",
      Platforms__Resilience__MinimumThroughput: "1000",
      // The suite creates and validates faster than a person would: keep the rate limits out of its way.
      RateLimits__PerKey__PermitLimit: "100000",
      RateLimits__PerConnection__PermitLimit: "100000",
    };
    await waitFor(`${fakeUrl}/slack/api/auth.test`, "FakePlatforms", fake, () => true);

    const service = start("dotnet", [webApiDll, "--urls", serviceUrl], env);
    started.push(service);
    await waitFor(`${serviceUrl}/health/ready`, "the service", service, (s) => s === 200);

    const prismCli = require.resolve("@stoplight/prism-cli/dist/index.js");
    const prism = start(process.execPath, [
      prismCli, "proxy", contractPath, serviceUrl,
      "--host", "127.0.0.1", "--port", String(prismPort),
      "--errors", "--validate-request=false", "--cors=false", "-v", "warn",
    ], process.env);
    started.push(prism);
    await waitFor(`${baseUrl}/api/connections`, "Prism", prism, (s) => s === 401);

    const run = promisify(execFile);
    const createKey = async (email: string, role: Role) => {
      const { stdout } = await run("dotnet", [webApiDll, "keys", "create", "--email", email, "--role", role], { env });
      const key = stdout.trim().split("\n").pop()!.trim();
      if (!key) throw new Error(`keys create printed no key for ${email}`);
      return key;
    };
    return { baseUrl, serviceUrl, createKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
