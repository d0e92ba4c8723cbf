// The generated client's only transport in the suite: plain fetch through Prism, which validates every response
// (status, headers, body) against contracts/openapi.json. Any violation Prism reports, errors and warnings alike
// (an undocumented status code is only a warning to Prism), fails the call that saw it.
import { readFileSync } from "node:fs";
import { ApiException, ConnectionsClient, ProblemDetails, SlackWorkspaceClient, ValidationProblemDetails, WebhooksClient } from "../../src/connections-client";
import { contractPath } from "./stack";

export interface Seen {
  method: string;
  path: string;
  status: number;
}

/** Every exchange of the run, to prove every operation of the contract was exercised. */
export const seen: Seen[] = [];

export class ContractViolation extends Error {}

export const contractFetch = {
  async fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
    const response = await fetch(url, init);
    const method = (init?.method ?? "GET").toUpperCase();
    const path = new URL(String(url)).pathname;
    const violations = response.headers.get("sl-violations");
    if (violations) {
      const body = await response.text();
      throw new ContractViolation(`${method} ${path} -> ${response.status}: the response breaks contracts/openapi.json: ${violations}\n${body}`);
    }
    seen.push({ method, path, status: response.status });
    return response;
  },
};

/** contractFetch with the API key (if any) as a bearer token. */
function authenticated(apiKey: string | null) {
  return {
    fetch: (url: RequestInfo, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      if (apiKey !== null) headers.set("Authorization", `Bearer ${apiKey}`);
      return contractFetch.fetch(url, { ...init, headers });
    },
  };
}

export function connectionsClient(baseUrl: string, apiKey: string | null): ConnectionsClient {
  return new ConnectionsClient(baseUrl, authenticated(apiKey));
}

export function slackWorkspaceClient(baseUrl: string, apiKey: string | null): SlackWorkspaceClient {
  return new SlackWorkspaceClient(baseUrl, authenticated(apiKey));
}

/** Platform webhooks take no API key: the signature is the authentication. */
export function webhooksClient(baseUrl: string): WebhooksClient {
  return new WebhooksClient(baseUrl, authenticated(null));
}

/** Awaits a call that must fail with this status, and returns its problem body, typed. */
export async function problem<T extends ProblemDetails = ProblemDetails>(call: Promise<unknown>, status: number, code?: string): Promise<T> {
  try {
    await call;
  } catch (error) {
    if (!ApiException.isApiException(error)) throw error;
    if (error.status !== status) {
      throw new Error(`expected ${status}, got ${error.status}: ${error.response}`);
    }
    const body = error.result as T;
    if (body === null || typeof body !== "object") throw new Error(`no problem body: ${error.response}`);
    if (String(error.headers["content-type"]).split(";")[0] !== "application/problem+json") {
      throw new Error(`problem served as ${error.headers["content-type"]}`);
    }
    if (code !== undefined && body.code !== code) throw new Error(`expected code ${code}, got ${body.code}: ${error.response}`);
    return body;
  }
  throw new Error(`expected ${status}, but the call succeeded`);
}

export const validationProblem = (call: Promise<unknown>, code = "VALIDATION_FAILED") =>
  problem<ValidationProblemDetails>(call, 400, code);

interface Operation {
  id: string;
  method: string;
  pattern: RegExp;
}

/** The contract's operations whose path starts with prefix, with a matcher for concrete paths. */
export function operations(prefix: string): Operation[] {
  const document = JSON.parse(readFileSync(contractPath, "utf8"));
  const result: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, { operationId: string }>>(document.paths)) {
    if (!path.startsWith(prefix)) continue;
    for (const [method, operation] of Object.entries(item)) {
      const pattern = new RegExp("^" + path.replace(/\{[^}]+\}/g, "[^/]+") + "$");
      result.push({ id: operation.operationId, method: method.toUpperCase(), pattern });
    }
  }
  return result;
}

/** The cursor of the Link header's next URL, or null on the last page. */
export function nextCursor(headers: { [key: string]: any }): string | null {
  const link: string | undefined = headers["link"];
  if (!link) return null;
  const match = /<([^>]+)>;\s*rel="next"/.exec(link);
  if (!match) throw new Error(`unexpected Link header: ${link}`);
  // Relative unless the service has Http:PublicBaseUrl: resolve it against any base to read the query.
  return new URL(match[1], "http://link.invalid").searchParams.get("cursor");
}
