// Contract tests of the Connections API (/api/connections…), through the generated client only.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ConnectionsClient, ConnectionDto, CreateConnectionRequest } from "../src/connections-client";
import { connectionsClient, nextCursor, operations, problem, seen, validationProblem } from "./support/contract";
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

describe("Connections API contract", { timeout: 90_000 }, () => {
  let stack: Stack;
  let owner: ConnectionsClient;
  let alice: ConnectionsClient;
  let bob: ConnectionsClient;
  let app: ConnectionsClient;

  before(async () => {
    stack = await startStack();
    const keys = {
      owner: await stack.createKey("owner@example.com", "owner"),
      alice: await stack.createKey("alice@example.com", "member"),
      bob: await stack.createKey("bob@example.com", "member"),
      app: await stack.createKey("ci@example.com", "application"),
    };
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

    const updated = await alice.updateConnection(created.result.id, {
      name: "Acme Slack (renamed)",
      settings: { sync_interval_minutes: 60, wiki_enabled: false },
      credentials: { bot_token: slackToken() },
    });
    assert.equal(updated.result.name, "Acme Slack (renamed)");
    assert.equal(updated.result.settings.sync_interval_minutes, 60);
    assert.equal(updated.result.settings.wiki_enabled, false);

    const deleted = await alice.deleteConnection(created.result.id);
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
    await problem(bob.deleteConnection(mine), 404);
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
    await validationProblem(alice.listConnections(undefined, undefined, undefined, "not-a-cursor"));
  });

  it("answers a duplicate name with 409 and rejected credentials with 422", async () => {
    const name = `Twin ${unique()}`;
    await alice.createConnection(slack(name));
    await problem(alice.createConnection(slack(name.toUpperCase())), 409);

    const rejected = await problem(alice.createConnection(slack(`Bad ${unique()}`, slackToken("invalid"))), 422);
    assert.match(rejected.code, /^[A-Z_]+$/);
  });

  it("answers a platform outage with a 5xx problem", async () => {
    const failure = await alice.createConnection(slack(`Down ${unique()}`, slackToken("5xx"))).then(
      () => assert.fail("created against a failing platform"),
      (error) => error,
    );
    assert.ok([502, 503].includes(failure.status), `status ${failure.status}`);
    assert.equal(failure.headers["content-type"].split(";")[0], "application/problem+json");
  });

  it("exercised every Connections operation of the contract successfully", () => {
    const missing = operations("/api/connections")
      .filter((op) => !seen.some((s) => s.method === op.method && op.pattern.test(s.path) && s.status < 300))
      .map((op) => op.id);
    assert.deepEqual(missing, [], "operations without a successful contract test");
  });
});
