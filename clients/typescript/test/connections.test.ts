// Contract tests of the Connections API (/api/connections…), through the generated client only.
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ConnectionsClient, ConnectionDto, CreateConnectionRequest, MessageDto, SlackEventEnvelope, SyncRunDto } from "../src/connections-client";
import { connectionsClient, nextCursor, operations, problem, seen, validationProblem, webhooksClient } from "./support/contract";
import { Stack, startStack } from "./support/stack";

const unique = () => randomBytes(6).toString("hex");
const slackToken = (scenario = "valid") => `xoxb-fake-${scenario}-${unique()}`;
const signingSecret = "0123456789abcdefABCDEF";
const discordToken = (scenario = "valid") => `MTEwMDAwMDAwMDAwMDAwMDEwMA.fake.${scenario}`;
const guildId = "1100000000000000001";

const slack = (name: string, token = slackToken()): CreateConnectionRequest => ({
  platform: "slack",
  name,
  credentials: { bot_token: token, signing_secret: signingSecret },
});

const generalChannel = "C0FAKEGEN1";   // the fake Slack workspace's #general: 43 syncable messages
const seededMessages = 43;
const firehoseChannel = "C0HISTBIG1";  // xoxb-fake-history: 2,500 messages, a run that takes a while

/** Polls a run until it is over (succeeded, failed or partial). */
async function finished(client: ConnectionsClient, id: string, runId: string): Promise<SyncRunDto> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const run = (await client.getSync(id, runId)).result;
    if (run.status !== "queued" && run.status !== "running") return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Starts a manual sync; if the scheduler's own run is active, waits for it first. */
async function syncNow(client: ConnectionsClient, id: string): Promise<SyncRunDto> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await client.startSync(id)).result;
    } catch (error) {
      const busy = await problem(Promise.reject(error), 409, "SYNC_IN_PROGRESS").catch(() => null);
      if (!busy || attempt > 3) throw error;
      const active = (await client.listSyncs(id, 1, undefined)).result[0];
      await finished(client, id, active.id);
    }
  }
}

/** Every page of a connection's messages, following the Link header. */
async function allMessages(client: ConnectionsClient, id: string, limit: number, channel?: string): Promise<{ pages: number; messages: MessageDto[] }> {
  const messages: MessageDto[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const page = await client.listMessages(id, channel, undefined, undefined, undefined, limit, cursor ?? undefined);
    messages.push(...page.result);
    cursor = nextCursor(page.headers);
    pages++;
  } while (cursor !== null && pages < 50);
  return { pages, messages };
}

/** Slack's v0 request signature over the exact body the generated client sends (JSON.stringify of it). */
function slackSignature(secret: string, timestamp: string, body: SlackEventEnvelope): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${JSON.stringify(body)}`).digest("hex");
}

describe("Connections API contract", { timeout: 90_000 }, () => {
  let stack: Stack;
  let owner: ConnectionsClient;
  let alice: ConnectionsClient;
  let bob: ConnectionsClient;
  let app: ConnectionsClient;
  let ownerKey: string;

  before(async () => {
    stack = await startStack();
    const keys = {
      owner: await stack.createKey("owner@example.com", "owner"),
      alice: await stack.createKey("alice@example.com", "member"),
      bob: await stack.createKey("bob@example.com", "member"),
      app: await stack.createKey("ci@example.com", "application"),
    };
    ownerKey = keys.owner;
    owner = connectionsClient(stack.baseUrl, keys.owner);
    alice = connectionsClient(stack.baseUrl, keys.alice);
    bob = connectionsClient(stack.baseUrl, keys.bob);
    app = connectionsClient(stack.baseUrl, keys.app);
  });

  after(async () => {
    await stack?.stop();
  });

  it("creates, reads, updates and deletes a Slack connection", async () => {
    const created = await alice.createConnection(slack("Acme Slack"));
    assert.equal(created.status, 201);
    assert.equal(created.result.platform, "slack");
    assert.equal(created.result.status, "connected");
    assert.ok(created.result.channel_count > 0);

    const read = await alice.getConnection(created.result.id);
    assert.equal(read.result.name, "Acme Slack");
    assert.deepEqual(read.result.settings, { sync_interval_minutes: 240, wiki_enabled: true, graph_enabled: true });

    const etag: string = read.headers["etag"];
    assert.match(etag ?? "", /^"[0-9a-f]{32}"$/, "a quoted strong ETag");
    const updated = await alice.updateConnection(created.result.id, {
      name: "Acme Slack (renamed)",
      settings: { sync_interval_minutes: 60, wiki_enabled: false },
      credentials: { bot_token: slackToken() },
    }, etag);
    assert.equal(updated.result.name, "Acme Slack (renamed)");
    assert.equal(updated.result.settings.sync_interval_minutes, 60);
    assert.equal(updated.result.settings.wiki_enabled, false);
    assert.notEqual(updated.headers["etag"], etag);

    // The ETag read before the update is stale now: the write is refused and changes nothing.
    const stale = await problem(alice.updateConnection(created.result.id, { name: "Stale writer" }, etag), 412, "PRECONDITION_FAILED");
    assert.match(stale.detail ?? "", /If-Match/);
    await problem(alice.deleteConnection(created.result.id, etag), 412, "PRECONDITION_FAILED");
    assert.equal((await alice.getConnection(created.result.id)).result.name, "Acme Slack (renamed)");

    const deleted = await alice.deleteConnection(created.result.id, updated.headers["etag"]);
    assert.equal(deleted.status, 204);
    await problem(alice.getConnection(created.result.id), 404);
  });

  it("creates a Discord connection, validates it, and chooses its channels", async () => {
    const created = await alice.createConnection({
      platform: "discord",
      name: `Guild ${unique()}`,
      credentials: { bot_token: discordToken(), guild_id: guildId },
      settings: { sync_interval_minutes: 5, graph_enabled: false },
    });
    const id = created.result.id;

    const validated = await alice.validateConnection(id);
    assert.equal(validated.result.valid, true);
    assert.equal(validated.result.connection?.id, id);
    assert.equal(validated.result.error, undefined);

    const channels = (await alice.listChannels(id, false)).result;
    assert.ok(channels.length > 0);
    const refreshed = (await alice.listChannels(id, true)).result;
    assert.deepEqual(refreshed.map((c) => c.id).sort(), channels.map((c) => c.id).sort());

    const chosen = channels[0].id;
    const selection = (await alice.updateChannelSelection(id, { channel_ids: [chosen] })).result;
    assert.deepEqual(selection.filter((c) => c.sync_enabled).map((c) => c.id), [chosen]);
    const all = (await alice.updateChannelSelection(id, { sync_all: true })).result;
    assert.ok(all.every((c) => c.sync_enabled));
  });

  it("pages through the list with the Link header, newest first, filtered", async () => {
    const names = [0, 1, 2].map((i) => `Page ${i} ${unique()}`);
    const ids: string[] = [];
    for (const name of names) ids.push((await bob.createConnection(slack(name))).result.id);

    const pages: ConnectionDto[][] = [];
    let cursor: string | null | undefined = undefined;
    do {
      const page = await bob.listConnections("slack", "connected", 1, cursor ?? undefined);
      pages.push(page.result);
      cursor = nextCursor(page.headers);
    } while (cursor !== null && pages.length < 10);

    assert.deepEqual(pages.map((p) => p.length), [1, 1, 1]);
    assert.deepEqual(pages.flat().map((c) => c.id), [...ids].reverse());
    assert.deepEqual((await bob.listConnections("discord", undefined, undefined, undefined)).result, []);
  });

  it("lets members see only their own connections, owners and applications all", async () => {
    const mine = (await alice.createConnection(slack(`Private ${unique()}`))).result.id;

    await problem(bob.getConnection(mine), 404, "CONNECTION_NOT_FOUND");
    await problem(bob.updateConnection(mine, { name: "Taken over" }), 404);
    await problem(bob.deleteConnection(mine, undefined), 404);
    await problem(bob.validateConnection(mine), 404);
    await problem(bob.listChannels(mine, false), 404);
    await problem(bob.updateChannelSelection(mine, { sync_all: true }), 404);
    assert.ok(!(await bob.listConnections(undefined, undefined, 500, undefined)).result.some((c) => c.id === mine));

    assert.equal((await owner.getConnection(mine)).result.id, mine);
    assert.equal((await app.getConnection(mine)).result.id, mine);
    assert.ok((await owner.listConnections(undefined, undefined, 500, undefined)).result.some((c) => c.id === mine));
    assert.ok((await app.listConnections(undefined, undefined, 500, undefined)).result.some((c) => c.id === mine));
  });

  it("answers a missing or unknown API key with a 401 problem", async () => {
    const wrong = connectionsClient(stack.baseUrl, "ck_not_a_real_key");
    const unknown = await problem(wrong.getConnection("anything"), 401, "UNAUTHORIZED");
    assert.ok(unknown.trace_id);
    // Prism answers a request without credentials itself, so this one goes straight to the service; its body must
    // have exactly the members of the 401 Prism validated above.
    const direct = connectionsClient(stack.serviceUrl, null);
    const missing = await problem(direct.listConnections(undefined, undefined, undefined, undefined), 401, "UNAUTHORIZED");
    assert.deepEqual(Object.keys(missing).sort(), Object.keys(unknown).sort());
  });

  it("answers invalid fields with a validation problem naming them", async () => {
    const bad = await validationProblem(alice.createConnection({
      platform: "slack",
      name: "",
      credentials: { bot_token: "not-a-token", signing_secret: "short" },
      settings: { sync_interval_minutes: 1 },
    }));
    assert.ok(bad.errors["name"]);
    assert.ok(bad.errors["credentials.bot_token"]);
    assert.ok(bad.errors["credentials.signing_secret"]);
    assert.ok(bad.errors["settings.sync_interval_minutes"]);

    const platform = await validationProblem(alice.createConnection({ ...slack("x"), platform: "teams" as never }));
    assert.ok(platform.errors["platform"]);

    const unknown = await validationProblem(alice.createConnection({ ...slack("x"), colour: "red" } as never), "UNKNOWN_PROPERTY");
    assert.ok(Object.keys(unknown.errors).length > 0);

    const id = (await alice.createConnection(slack(`Fields ${unique()}`))).result.id;
    await validationProblem(alice.updateConnection(id, {}));
    await validationProblem(alice.updateConnection(id, { credentials: { bot_token: discordToken() } }));
    await validationProblem(alice.updateChannelSelection(id, { channel_ids: ["C1"], sync_all: true }));
    await validationProblem(alice.listConnections(undefined, undefined, 0, undefined));
    await validationProblem(alice.listConnections(undefined, undefined, undefined, "not-a-cursor"), "INVALID_CURSOR");
  });

  it("answers an over-long query string with a 400 problem from the real server, not an empty 414", async () => {
    // Straight to Kestrel (not through Prism): the request line is far over Kestrel's default 8 KB limit.
    const url = `${stack.serviceUrl}/api/connections?platform=${"x".repeat(12_000)}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${ownerKey}` } });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get("content-type")?.split(";")[0], "application/problem+json");
    const body = (await response.json()) as { code: string; errors: Record<string, string[]> };
    assert.equal(body.code, "VALIDATION_FAILED");
    assert.deepEqual(Object.keys(body.errors), ["platform"]);
  });

  it("answers a duplicate name with 409 and rejected credentials with 422", async () => {
    const name = `Twin ${unique()}`;
    await alice.createConnection(slack(name));
    await problem(alice.createConnection(slack(name.toUpperCase())), 409);

    const rejected = await problem(alice.createConnection(slack(`Bad ${unique()}`, slackToken("invalid"))), 422);
    assert.match(rejected.code, /^[A-Z_]+$/);
  });

  it("replays a create retried with the same Idempotency-Key, and refuses the key for another body (422)", async () => {
    const key = `contract-${unique()}`;
    const body = slack(`Retried ${unique()}`);
    const first = await alice.createConnection(body, key);
    const retry = await alice.createConnection(body, key);
    assert.equal(first.status, 201);
    assert.equal(first.headers["idempotent-replayed"], undefined);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers["idempotent-replayed"], "true");
    assert.deepEqual(retry.result, first.result);
    assert.equal(retry.headers["location"], first.headers["location"]);

    await problem(alice.createConnection(slack(`Other ${unique()}`), key), 422, "IDEMPOTENCY_KEY_REUSED");
  });

  it("answers a platform outage with a 5xx problem", async () => {
    const failure = await alice.createConnection(slack(`Down ${unique()}`, slackToken("5xx"))).then(
      () => assert.fail("created against a failing platform"),
      (error) => error,
    );
    assert.ok([502, 503].includes(failure.status), `status ${failure.status}`);
    assert.equal(failure.headers["content-type"].split(";")[0], "application/problem+json");
  });

  it("syncs the selected channels and pages the runs and the messages through the Link header", async () => {
    const created = await alice.createConnection(slack(`Sync ${unique()}`));
    const id = created.result.id;
    await alice.updateChannelSelection(id, { channel_ids: [generalChannel] });

    const queued = await alice.startSync(id);
    assert.equal(queued.status, 202);
    assert.equal(queued.result.trigger, "manual");
    assert.equal(queued.result.connection_id, id);
    assert.match(queued.headers["location"] ?? "", new RegExp(`/api/connections/${id}/syncs/${queued.result.id}$`));
    const run = await finished(alice, id, queued.result.id);
    assert.equal(run.status, "succeeded", JSON.stringify(run));
    assert.equal(run.messages_fetched, seededMessages);
    assert.deepEqual(run.channels.map((c) => [c.channel_id, c.status]), [[generalChannel, "succeeded"]]);
    assert.ok(run.started_at !== null && run.finished_at !== null);
    assert.ok((await alice.getConnection(id)).result.last_sync);

    const again = await finished(alice, id, (await syncNow(alice, id)).id);
    assert.equal(again.messages_fetched, 0, "nothing new since the checkpoint");

    const runs: SyncRunDto[] = [];
    let cursor: string | null = null;
    do {
      const page = await alice.listSyncs(id, 1, cursor ?? undefined);
      assert.equal(page.result.length, 1);
      runs.push(...page.result);
      cursor = nextCursor(page.headers);
    } while (cursor !== null && runs.length < 10);
    const ids = runs.map((r) => r.id);
    assert.ok(ids.indexOf(again.id) < ids.indexOf(run.id), "newest first");
    assert.equal(new Set(ids).size, ids.length);

    const { pages, messages } = await allMessages(alice, id, 10);
    assert.equal(messages.length, seededMessages);
    assert.equal(pages, Math.ceil(seededMessages / 10));
    assert.equal(new Set(messages.map((m) => m.id)).size, seededMessages);
    const times = messages.map((m) => Date.parse(m.ts));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), "newest first");
    assert.ok(messages.every((m) => m.channel_id === generalChannel));
    assert.ok(messages.some((m) => m.thread_ts !== undefined), "thread replies are synced");
    assert.ok(messages.some((m) => m.edited_at !== undefined), "edits are kept");

    assert.equal((await allMessages(alice, id, 100, "C0FAKERND1")).messages.length, 0);
    const needle = messages.find((m) => m.text.length > 8)!;
    const found = (await alice.listMessages(id, undefined, undefined, undefined, needle.text.toUpperCase(), 500, undefined)).result;
    assert.ok(found.some((m) => m.id === needle.id), "q is case-insensitive");
    const middle = messages[20].ts;
    const older = (await alice.listMessages(id, generalChannel, undefined, middle, undefined, 500, undefined)).result;
    const newer = (await alice.listMessages(id, generalChannel, middle, undefined, undefined, 500, undefined)).result;
    assert.ok(older.length > 0 && newer.length > 0);
    assert.ok(older.every((m) => Date.parse(m.ts) <= Date.parse(middle)));
    assert.ok(newer.every((m) => Date.parse(m.ts) >= Date.parse(middle)));

    await validationProblem(alice.listMessages(id, undefined, undefined, undefined, undefined, 0, undefined));
    await validationProblem(alice.listMessages(id, undefined, undefined, undefined, undefined, undefined, "not-a-cursor"), "INVALID_CURSOR");
    await validationProblem(alice.listSyncs(id, 1, nextCursor((await alice.listConnections(undefined, undefined, 1, undefined)).headers) ?? "none"), "INVALID_CURSOR");
    await validationProblem(alice.listSyncs(id, 0, undefined));

    // Members see only their own connection's runs and messages; owners and applications see all.
    await problem(bob.startSync(id), 404, "CONNECTION_NOT_FOUND");
    await problem(bob.listSyncs(id, undefined, undefined), 404, "CONNECTION_NOT_FOUND");
    await problem(bob.getSync(id, run.id), 404);
    await problem(bob.listMessages(id, undefined, undefined, undefined, undefined, undefined, undefined), 404);
    await problem(bob.disconnectConnection(id), 404);
    assert.equal((await owner.getSync(id, run.id)).result.id, run.id);
    assert.equal((await app.listMessages(id, undefined, undefined, undefined, undefined, 5, undefined)).result.length, 5);
    await problem(alice.getSync(id, "run_missing"), 404);
    await problem(alice.listSyncs("con_missing", undefined, undefined), 404);
  });

  it("refuses a second run while one is active (409 SYNC_IN_PROGRESS) and syncs no disconnected connection (409)", async () => {
    const created = await alice.createConnection(slack(`Busy ${unique()}`, `xoxb-fake-history-${unique()}`));
    const id = created.result.id;
    await alice.updateChannelSelection(id, { channel_ids: [firehoseChannel] });

    const first = await syncNow(alice, id);
    const busy = await problem(alice.startSync(id), 409, "SYNC_IN_PROGRESS");
    assert.match(busy.detail ?? "", new RegExp(first.id));
    assert.equal((await finished(alice, id, first.id)).status, "succeeded");

    const disconnected = await alice.disconnectConnection(id);
    assert.equal(disconnected.result.status, "disconnected");
    await problem(alice.startSync(id), 409, "CONNECTION_NOT_CONNECTED");
    assert.equal((await alice.validateConnection(id)).result.connection?.status, "connected");
    await problem(alice.disconnectConnection("con_missing"), 404);
  });

  it("receives signed Slack events: url_verification, a message, and 401 for a bad or stale signature", async () => {
    const secret = randomBytes(16).toString("hex");
    const id = (await alice.createConnection({
      platform: "slack",
      name: `Events ${unique()}`,
      credentials: { bot_token: slackToken(), signing_secret: secret },
    })).result.id;
    await alice.updateChannelSelection(id, { channel_ids: [generalChannel] });
    const webhooks = webhooksClient(stack.baseUrl);
    const now = () => String(Math.floor(Date.now() / 1000));

    const verification: SlackEventEnvelope = { type: "url_verification", token: "x", challenge: `challenge-${unique()}` };
    const t = now();
    const answer = await webhooks.receiveSlackEvent(verification, t, slackSignature(secret, t, verification));
    assert.equal(answer.status, 200);

    const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const text = `hello from the events API ${unique()}`;
    const message: SlackEventEnvelope = {
      type: "event_callback",
      team_id: "T0FAKE001",
      api_app_id: "A0FAKEAPP",
      event_id: `Ev${unique()}`,
      event_time: 1,
      event: { type: "message", channel: generalChannel, user: "U0AUTHOR1", text, ts, channel_type: "channel" },
    };
    const t2 = now();
    const delivered = await webhooks.receiveSlackEvent(message, t2, slackSignature(secret, t2, message));
    assert.equal(delivered.status, 200);
    const stored = (await alice.listMessages(id, generalChannel, undefined, undefined, text, undefined, undefined)).result;
    assert.deepEqual(stored.map((m) => [m.id, m.text, m.author.id]), [[ts, text, "U0AUTHOR1"]]);

    const forged = await problem(webhooks.receiveSlackEvent(message, t2, slackSignature("0123456789abcdef0123456789abcdef", t2, message)), 401);
    assert.ok(forged.trace_id);
    const old = String(Math.floor(Date.now() / 1000) - 600);
    await problem(webhooks.receiveSlackEvent(verification, old, slackSignature(secret, old, verification)), 401);
    await problem(webhooks.receiveSlackEvent(verification), 401);
  });

  it("exercised every webhook operation of the contract successfully", () => {
    const missing = operations("/api/webhooks")
      .filter((op) => !seen.some((s) => s.method === op.method && op.pattern.test(s.path) && s.status < 300))
      .map((op) => op.id);
    assert.deepEqual(missing, [], "operations without a successful contract test");
  });

  it("exercised every Connections operation of the contract successfully", () => {
    const missing = operations("/api/connections")
      .filter((op) => !seen.some((s) => s.method === op.method && op.pattern.test(s.path) && s.status < 300))
      .map((op) => op.id);
    assert.deepEqual(missing, [], "operations without a successful contract test");
  });
});
