// Contract tests of the Slack workspace configuration API (/sfp/api/slack/…), through the generated client only.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ConfigureSlackWorkspaceCommand, SlackWorkspaceClient, UpdateSlackWorkspaceRequest } from "../src/connections-client";
import { operations, problem, seen, slackWorkspaceClient, validationProblem } from "./support/contract";
import { Stack, startStack } from "./support/stack";

const unique = () => randomBytes(6).toString("hex");
const team = { id: "T0FAKE001", name: "Fake Workspace" };
const otherTeam = { id: "T0OTHER01", name: "Other Workspace" };

const config = (teamId = team.id, teamName = team.name, botPrefix = "xoxb-fake-valid"): ConfigureSlackWorkspaceCommand => ({
  team_id: teamId,
  team_name: teamName,
  bot_token: `${botPrefix}-${unique()}`,
  app_token: `xapp-fake-valid-${unique()}`,
  signing_secret: randomBytes(16).toString("hex"),
  app_id: null,
  app_name: null,
  bot_user_id: null,
});

const patch = (fields: Partial<UpdateSlackWorkspaceRequest>): UpdateSlackWorkspaceRequest => ({
  team_name: null,
  bot_token: null,
  app_token: null,
  signing_secret: null,
  ...fields,
});

const etagOf = (headers: { [key: string]: any }): string => {
  const etag: string | undefined = headers["etag"];
  assert.match(etag ?? "", /^"[0-9a-f]{32}"$/, "a quoted strong ETag");
  return etag!;
};

describe("Slack workspace API contract", { timeout: 60_000 }, () => {
  let stack: Stack;
  let owner: SlackWorkspaceClient;
  let member: SlackWorkspaceClient;
  let app: SlackWorkspaceClient;

  before(async () => {
    stack = await startStack();
    owner = slackWorkspaceClient(stack.baseUrl, await stack.createKey("owner@example.com", "owner"));
    member = slackWorkspaceClient(stack.baseUrl, await stack.createKey("member@example.com", "member"));
    app = slackWorkspaceClient(stack.baseUrl, await stack.createKey("ci@example.com", "application"));
  });

  after(async () => {
    await stack?.stop();
  });

  it("answers 404 WORKSPACE_NOT_CONFIGURED while nothing is configured", async () => {
    assert.deepEqual((await owner.listSlackWorkspaces(false)).result, []);
    await problem(owner.getSlackWorkspace(), 404, "WORKSPACE_NOT_CONFIGURED");
    await problem(member.testSlackWorkspace(), 404, "WORKSPACE_NOT_CONFIGURED");
    await problem(owner.updateSlackWorkspace(patch({ team_name: "Nobody" })), 404, "WORKSPACE_NOT_CONFIGURED");
    await problem(owner.deleteSlackWorkspace(undefined), 404, "WORKSPACE_NOT_CONFIGURED");
  });

  it("configures, reads, tests, updates with If-Match, lists, audits and deletes", async () => {
    const created = await owner.configureSlackWorkspace(config());
    assert.equal(created.status, 201);
    assert.equal(created.result.success, true);
    assert.equal(created.result.workspace.team_id, team.id);
    assert.match(created.headers["location"] ?? "", /\/sfp\/api\/slack\/workspace$/);
    etagOf(created.headers);

    const replaced = await owner.configureSlackWorkspace(config(team.id, "Replaced"));
    assert.equal(replaced.status, 200);
    assert.equal(replaced.result.workspace.id, created.result.workspace.id);

    const tested = (await owner.testSlackWorkspace()).result;
    assert.equal(tested.success, true);
    assert.equal(tested.details?.workspace_name, team.name);

    const read = await owner.getSlackWorkspace();
    const etag = etagOf(read.headers);
    assert.equal(read.result.team_name, "Replaced");
    assert.equal(read.result.app_id, "A0FAKEAPP", "taken from auth.test");
    assert.equal(read.result.is_active, true);
    assert.equal(read.result.created_by, "owner@example.com");
    assert.deepEqual([read.result.has_bot_token, read.result.has_app_token, read.result.has_signing_secret], [true, true, true]);

    const updated = await owner.updateSlackWorkspace(patch({ team_name: "First writer" }), etag);
    assert.equal(updated.result.workspace.team_name, "First writer");
    const fresh = etagOf(updated.headers);
    assert.notEqual(fresh, etag);

    const stale = await problem(owner.updateSlackWorkspace(patch({ team_name: "Second writer" }), etag), 412, "PRECONDITION_FAILED");
    assert.match(stale.detail ?? "", /If-Match/);
    assert.equal((await owner.getSlackWorkspace()).result.team_name, "First writer");
    const star = await owner.updateSlackWorkspace(patch({ team_name: "Any version", signing_secret: randomBytes(16).toString("hex") }), "*");
    assert.equal(star.result.workspace.team_name, "Any version");
    // NSwag sends an optional header it is not given as an empty one; the service treats an empty If-Match as none.
    const unconditional = await owner.updateSlackWorkspace(patch({ team_name: "No If-Match" }));
    assert.equal(unconditional.status, 200);
    await owner.updateSlackWorkspace(patch({ bot_token: `xoxb-fake-valid-${unique()}` }), "*");

    const other = await app.configureSlackWorkspace(config(otherTeam.id, otherTeam.name, "xoxb-fake-other-team"));
    assert.equal(other.status, 201);
    const all = (await app.listSlackWorkspaces(false)).result;
    assert.deepEqual(all.map((w) => [w.team_id, w.is_active]).sort(), [[team.id, false], [otherTeam.id, true]]);
    assert.deepEqual((await owner.listSlackWorkspaces(true)).result.map((w) => w.team_id), [otherTeam.id]);

    const audit = (await owner.getSlackWorkspaceAudit(team.id, 50)).result;
    assert.equal(audit[audit.length - 1].action, "created", "oldest last");
    assert.ok(audit.length >= 5, `${audit.length} audit entries`);
    assert.ok(audit.every((e) => e.team_id === team.id));
    assert.ok(audit.some((e) => e.actor === "owner@example.com" && e.changed_fields.includes("team_name")));
    assert.ok(!JSON.stringify(audit).includes("xoxb-"), "no secret in the audit");
    const times = audit.map((e) => Date.parse(e.occurred_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), "newest first");
    assert.equal((await app.getSlackWorkspaceAudit(undefined, 1)).result.length, 1);

    const deletedOther = await app.deleteSlackWorkspace(otherTeam.id);
    assert.equal(deletedOther.result.success, true);
    await owner.deleteSlackWorkspace(team.id);
    await problem(owner.getSlackWorkspace(), 404, "WORKSPACE_NOT_CONFIGURED");
    await problem(owner.deleteSlackWorkspace(team.id), 404);
  });

  it("lets members read and test, and answers their writes with 403 OWNER_ROLE_REQUIRED", async () => {
    await owner.configureSlackWorkspace(config());
    const seenByMember = await member.getSlackWorkspace();
    assert.equal(seenByMember.result.team_id, team.id);
    assert.ok(!JSON.stringify(seenByMember.result).includes("xoxb-"), "no secret");
    assert.equal((await member.testSlackWorkspace()).result.success, true);

    await problem(member.configureSlackWorkspace(config()), 403, "OWNER_ROLE_REQUIRED");
    await problem(member.updateSlackWorkspace(patch({ team_name: "Mine" }), etagOf(seenByMember.headers)), 403, "OWNER_ROLE_REQUIRED");
    await problem(member.deleteSlackWorkspace(undefined), 403, "OWNER_ROLE_REQUIRED");
    await problem(member.listSlackWorkspaces(false), 403, "OWNER_ROLE_REQUIRED");
    await problem(member.getSlackWorkspaceAudit(undefined, undefined), 403, "OWNER_ROLE_REQUIRED");
    assert.equal((await owner.getSlackWorkspace()).result.team_name, team.name, "nothing changed");
  });

  it("answers invalid bodies with 400 problems and a Slack outage with 502", async () => {
    const bad = await validationProblem(owner.configureSlackWorkspace({ ...config(), team_id: "X0FAKE001" }));
    assert.ok(bad.errors["team_id"]);
    const empty = await validationProblem(owner.updateSlackWorkspace(patch({ team_name: "" }), "*"));
    assert.ok(empty.errors["team_name"]);
    await validationProblem(owner.getSlackWorkspaceAudit(undefined, 0));

    // Tokens Slack rejects are field errors too, with the platform's diagnosis (or the team mismatch) as the code.
    const mismatch = await validationProblem(owner.configureSlackWorkspace(config(team.id, team.name, "xoxb-fake-other-team")), "SLACK_TEAM_MISMATCH");
    assert.ok(mismatch.errors["bot_token"]);
    const rejected = await validationProblem(owner.configureSlackWorkspace(config(team.id, team.name, "xoxb-fake-invalid")), "INVALID_CREDENTIALS");
    assert.ok(rejected.errors["bot_token"]);
    await problem(owner.configureSlackWorkspace(config(team.id, team.name, "xoxb-fake-5xx")), 502, "PLATFORM_ERROR");
  });

  it("exercised every Slack workspace operation of the contract successfully", () => {
    const missing = operations("/sfp/api/slack")
      .filter((op) => !seen.some((s) => s.method === op.method && op.pattern.test(s.path) && s.status < 300))
      .map((op) => op.id);
    assert.deepEqual(missing, [], "operations without a successful contract test");
  });
});
