// The committed artifacts agree with each other: the client is generated from the committed document, and the
// document breaks nothing the previous release promised unless the changelog says so.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { acknowledged, breakingChanges } from "./support/compat";
import { contractPath, repoRoot } from "./support/stack";

const clientDir = join(repoRoot, "clients", "typescript");
const read = (path: string) => readFileSync(path, "utf8");
const refresh = "run `dotnet cake --target=Contract` and commit the result";

describe("contract artifacts", () => {
  it("the committed TypeScript client is generated from the committed contract", { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "connections-client-"));
    try {
      const output = join(dir, "connections-client.ts");
      const nswag = join(clientDir, "node_modules", "nswag", "bin", "nswag.js");
      execFileSync(process.execPath, [nswag, "run", "nswag.json", "/runtime:Net100", `/variables:Output=${output}`], { cwd: clientDir, stdio: "pipe" });
      assert.ok(read(output) === read(join(clientDir, "src", "connections-client.ts")),
        `clients/typescript/src/connections-client.ts is stale: ${refresh}.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("breaks nothing of the previous release unless contracts/CHANGELOG.md acknowledges it", () => {
    const previous = JSON.parse(read(join(repoRoot, "contracts", "openapi.previous.json")));
    const current = JSON.parse(read(contractPath));
    const acks = acknowledged(read(join(repoRoot, "contracts", "CHANGELOG.md")));
    const unacknowledged = breakingChanges(previous, current).filter((change) => !acks.has(change));
    assert.deepEqual(unacknowledged, [],
      "Breaking changes against contracts/openapi.previous.json. Undo them, or acknowledge each under \"## Unreleased\" in "
      + "contracts/CHANGELOG.md as a line `- BREAKING: \\`<change>\\` — why and what integrators must do`.");
  });

  it("the compatibility check sees removed fields, new required request fields and narrowed enums", () => {
    const current = JSON.parse(read(contractPath));
    const changed = JSON.parse(JSON.stringify(current));
    delete changed.components.schemas.ConnectionDto.properties.channel_count;
    changed.components.schemas.Platform.enum = ["slack"];
    changed.components.schemas.SettingsInput.required = ["wiki_enabled"];
    delete changed.paths["/api/connections/{id}/validate"];

    const changes = breakingChanges(current, changed);

    for (const expected of [
      "removed-field ConnectionDto.channel_count",
      "narrowed-enum Platform: discord",
      "new-required-field SettingsInput.wiki_enabled",
      "removed-operation ValidateConnection (POST /api/connections/{id}/validate)",
    ]) {
      assert.ok(changes.includes(expected), `missed ${expected}; saw ${JSON.stringify(changes)}`);
    }
    assert.deepEqual(breakingChanges(current, current), []);
  });
});
