// Breaking changes between two versions of the OpenAPI document, each as a stable id that a changelog entry can
// acknowledge: removed operation, parameter, response, schema or field; a new required request field or parameter;
// a narrowed enum; a changed type.
type Json = any;

const methods = ["get", "put", "post", "delete", "patch", "head", "options"];

function operationsOf(document: Json): Map<string, Json> {
  const result = new Map<string, Json>();
  for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of methods) {
      if (item[method]) result.set(`${method.toUpperCase()} ${path}`, item[method]);
    }
  }
  return result;
}

function refName(schema: Json): string | undefined {
  return typeof schema?.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
}

/** The component schemas a request body can reach. */
function requestSchemas(document: Json): Set<string> {
  const found = new Set<string>();
  const visit = (schema: Json) => {
    if (!schema || typeof schema !== "object") return;
    const name = refName(schema);
    if (name) {
      if (found.has(name)) return;
      found.add(name);
      visit(document.components?.schemas?.[name]);
      return;
    }
    for (const value of Object.values(schema)) visit(value);
  };
  for (const operation of operationsOf(document).values()) {
    for (const media of Object.values<Json>(operation.requestBody?.content ?? {})) visit(media.schema);
  }
  return found;
}

function typeOf(schema: Json): string {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref;
  const type = Array.isArray(schema.type) ? [...schema.type].sort().join("|") : String(schema.type ?? "");
  return type + (schema.items ? `[${typeOf(schema.items)}]` : "");
}

function compareSchema(where: string, before: Json, after: Json, isRequest: boolean, out: string[]): void {
  if (!before || !after) return;
  if (typeOf(before) !== typeOf(after) && before.type !== undefined) out.push(`changed-type ${where}`);
  if (Array.isArray(before.enum)) {
    const kept = new Set(after.enum ?? []);
    for (const value of before.enum) {
      if (after.enum !== undefined && !kept.has(value)) out.push(`narrowed-enum ${where}: ${value}`);
    }
  }
  for (const [name, property] of Object.entries<Json>(before.properties ?? {})) {
    const now = after.properties?.[name];
    if (now === undefined) out.push(`removed-field ${where}.${name}`);
    else compareSchema(`${where}.${name}`, property, now, isRequest, out);
  }
  if (isRequest) {
    const required = new Set(before.required ?? []);
    for (const name of after.required ?? []) {
      if (!required.has(name)) out.push(`new-required-field ${where}.${name}`);
    }
  }
}

export function breakingChanges(previous: Json, current: Json): string[] {
  const out: string[] = [];
  const before = operationsOf(previous);
  const after = operationsOf(current);
  for (const [key, operation] of before) {
    const now = after.get(key);
    const id = operation.operationId ?? key;
    if (!now) {
      out.push(`removed-operation ${id} (${key})`);
      continue;
    }
    if (now.operationId !== operation.operationId) out.push(`renamed-operation ${id} -> ${now.operationId}`);
    const parameters = new Map<string, Json>((operation.parameters ?? []).map((p: Json) => [`${p.in}:${p.name}`, p]));
    for (const [name, parameter] of parameters) {
      const match = (now.parameters ?? []).find((p: Json) => `${p.in}:${p.name}` === name);
      if (!match) out.push(`removed-parameter ${id}.${parameter.name}`);
      else compareSchema(`${id}.${parameter.name}`, parameter.schema, match.schema, true, out);
    }
    for (const parameter of now.parameters ?? []) {
      const was = parameters.get(`${parameter.in}:${parameter.name}`);
      if (parameter.required && !was?.required) out.push(`new-required-parameter ${id}.${parameter.name}`);
    }
    for (const status of Object.keys(operation.responses ?? {})) {
      if (status.startsWith("2") && !now.responses?.[status]) out.push(`removed-response ${id} ${status}`);
    }
  }
  const requests = requestSchemas(current);
  for (const [name, schema] of Object.entries<Json>(previous.components?.schemas ?? {})) {
    const now = current.components?.schemas?.[name];
    if (!now) out.push(`removed-schema ${name}`);
    else compareSchema(name, schema, now, requests.has(name), out);
  }
  return out;
}

/** The ids a changelog acknowledges: everything written in backticks after "BREAKING". */
export function acknowledged(changelog: string): Set<string> {
  const ids = new Set<string>();
  for (const line of changelog.split("\n")) {
    if (!/BREAKING/.test(line)) continue;
    for (const match of line.matchAll(/`([^`]+)`/g)) ids.add(match[1]);
  }
  return ids;
}
