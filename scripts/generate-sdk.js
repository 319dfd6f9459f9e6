// Writes the resource-grouped facade of @caravan/client from openapi/caravan.yaml to stdout: one class per
// tag, one method per operationId, typed through the openapi-typescript output next to it
// (src/generated/openapi.ts). scripts/generate.sh formats it and keeps it in sync (`--check`).
//
// Method names are the operationId without the resource noun (`rotateEndpointSecret` in tag `Endpoints`
// → `endpoints.rotateSecret`), so a new operation in the spec becomes a method on the next generate.
// Arguments: path parameters in path order, then the JSON body (if any), then the query (if any), then
// request options. Lists with a cursor return a PagePromise (await it for one page, or iterate all items).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const FILE = process.argv[2] || fileURLToPath(new URL('../openapi/caravan.yaml', import.meta.url));
const spec = YAML.parse(fs.readFileSync(FILE, 'utf8'));

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);
const singular = (s) => (s.endsWith('ies') ? `${s.slice(0, -3)}y` : s.endsWith('s') ? s.slice(0, -1) : s);

/** `rotateEndpointSecret` in `Endpoints` → `rotateSecret`; `getOwnTenant` in `Tenant` → `get`. */
function methodName(operationId, tag) {
  for (const noun of [tag, singular(tag)]) {
    const i = operationId.indexOf(noun, 1);
    if (i > 0)
      return lowerFirst(operationId.slice(0, i) + operationId.slice(i + noun.length)).replace(/Own$/, '');
  }
  return operationId;
}

const schemaOf = (s) => (s?.$ref ? spec.components.schemas[s.$ref.split('/').pop()] : s);

/** Where a body carries its own ingest idempotency key: the event itself, or each event of a batch. */
function bodyKey(op) {
  const body = schemaOf(op.requestBody?.content?.['application/json']?.schema);
  if (body?.properties?.idempotencyKey) return 'event';
  if (schemaOf(body?.properties?.events?.items)?.properties?.idempotencyKey) return 'batch';
  return undefined;
}

function resolveParam(p) {
  if (!p.$ref) return p;
  return spec.components.parameters[p.$ref.split('/').pop()];
}

const groups = new Map();
const seen = new Set();
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    const op = item[method];
    if (!op) continue;
    const tag = op.tags[0];
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveParam);
    const name = methodName(op.operationId, tag);
    const key = `${tag}.${name}`;
    if (seen.has(key)) throw new Error(`two operations map to ${key}; rename one operationId`);
    seen.add(key);
    const success = Object.keys(op.responses).find((s) => s.startsWith('2'));
    const entry = {
      operationId: op.operationId,
      summary: op.summary ?? op.operationId,
      method: method.toUpperCase(),
      path,
      name,
      pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      hasQuery: params.some((p) => p.in === 'query'),
      queryRequired: params.some((p) => p.in === 'query' && p.required),
      paginated: params.some((p) => p.in === 'query' && p.name === 'cursor'),
      hasBody: Boolean(op.requestBody),
      bodyRequired: Boolean(op.requestBody?.required),
      idempotencyHeader: params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
      bodyKey: bodyKey(op),
      empty: success === '204',
    };
    if (!groups.has(tag)) groups.set(tag, []);
    groups.get(tag).push(entry);
  }
}

function methodSource(e) {
  const op = `operations['${e.operationId}']`;
  const args = e.pathParams.map((p) => `${p}: string`);
  if (e.hasBody) args.push(`body${e.bodyRequired ? '' : '?'}: RequestBody<${op}>`);
  if (e.hasQuery) args.push(`query${e.queryRequired ? '' : '?'}: QueryParams<${op}>`);
  args.push('options?: RequestOptions');
  const pathExpr = e.pathParams.length
    ? '`' + e.path.replace(/\{(\w+)\}/g, (_, p) => '${encodeURIComponent(' + p + ')}') + '`'
    : `'${e.path}'`;
  const spec = [
    `operationId: '${e.operationId}'`,
    `method: '${e.method}'`,
    `path: ${pathExpr}`,
    ...(e.hasBody ? ['body'] : []),
    ...(e.hasQuery && !e.paginated ? ['query'] : []),
    ...(e.idempotencyHeader ? ['idempotencyHeader: true'] : []),
    ...(e.bodyKey ? [`bodyKey: '${e.bodyKey}'`] : []),
  ].join(', ');
  const doc = `  /** ${e.summary}. \`${e.method} ${e.path}\` (\`${e.operationId}\`) */\n`;
  if (e.paginated) {
    return `${doc}  ${e.name}(${args.join(', ')}): PagePromise<ListItem<${op}>> {
    return this.client.paginate<ListItem<${op}>>({ ${spec} }, query, options);
  }`;
  }
  const result = e.empty ? 'void' : `SuccessBody<${op}>`;
  return `${doc}  ${e.name}(${args.join(', ')}): Promise<${result}> {
    return this.client.request<${result}>({ ${spec} }, options);
  }`;
}

const out = [];
out.push(`/**
 * @generated from openapi/caravan.yaml by scripts/generate-sdk.js — do not edit; run \`npm run generate\`.
 */
import type { HttpClient } from '../core/HttpClient.js';
import type { PagePromise } from '../core/PagePromise.js';
import type { ListItem, QueryParams, RequestBody, RequestOptions, SuccessBody } from '../core/types.js';
import type { components, operations } from './openapi.js';
`);
for (const name of Object.keys(spec.components.schemas)) {
  out.push(`export type ${name} = components['schemas']['${name}'];`);
}
for (const [tag, entries] of groups) {
  const description =
    (spec.tags ?? [])
      .find((t) => t.name === tag)
      ?.description?.trim()
      .split('\n')[0] ?? tag;
  out.push(`
/** ${description} */
export class ${tag}Resource {
  constructor(private readonly client: HttpClient) {}

${entries.map(methodSource).join('\n\n')}
}`);
}
out.push(`
/** Every resource group of the API, one property per tag of the spec. */
export class CaravanResources {
${[...groups.keys()].map((tag) => `  readonly ${lowerFirst(tag)}: ${tag}Resource;`).join('\n')}

  constructor(client: HttpClient) {
${[...groups.keys()].map((tag) => `    this.${lowerFirst(tag)} = new ${tag}Resource(client);`).join('\n')}
  }
}

/** operationId → [resource group, method]: where each operation of the spec lives on a \`Caravan\`. */
export const operationMethods = {
${[...groups]
  .flatMap(([tag, entries]) => entries.map((e) => `  ${e.operationId}: ['${lowerFirst(tag)}', '${e.name}'],`))
  .join('\n')}
} as const;
`);
process.stdout.write(out.join('\n'));
