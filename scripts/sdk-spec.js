// The operations of openapi/caravan.yaml as the Python and Go SDK generators see them, grouped by tag
// with the same method naming rule as @caravan/client (scripts/generate-sdk.js): the operationId without
// the resource noun (`rotateEndpointSecret` in tag `Endpoints` → `rotateSecret`, `getOwnTenant` in
// `Tenant` → `get`).
import fs from 'node:fs';
import YAML from 'yaml';

export const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);
export const upperFirst = (s) => s[0].toUpperCase() + s.slice(1);
const singular = (s) => (s.endsWith('ies') ? `${s.slice(0, -3)}y` : s.endsWith('s') ? s.slice(0, -1) : s);
/** `rotateSecret` → `rotate_secret`, `ApiKeys` → `api_keys`. */
export const snake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export function methodName(operationId, tag) {
  for (const noun of [tag, singular(tag)]) {
    const i = operationId.indexOf(noun, 1);
    if (i > 0)
      return lowerFirst(operationId.slice(0, i) + operationId.slice(i + noun.length)).replace(/Own$/, '');
  }
  return operationId;
}

export function loadSpec(file) {
  return YAML.parse(fs.readFileSync(file, 'utf8'));
}

const refName = (ref) => ref.split('/').pop();

/**
 * Every operation, grouped by its first tag, in spec order: path and query parameters, the body and
 * success schema names, whether it is a cursor-paginated list (and of which item schema), whether it
 * takes an `Idempotency-Key` header, and where an ingest body carries its own idempotency key.
 */
export function operationGroups(spec) {
  const schemas = spec.components.schemas;
  const schemaOf = (s) => (s?.$ref ? schemas[refName(s.$ref)] : s);
  const resolveParam = (p) => (p.$ref ? spec.components.parameters[refName(p.$ref)] : p);
  const groups = new Map();
  const seen = new Set();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags[0];
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveParam);
      const name = methodName(op.operationId, tag);
      if (seen.has(`${tag}.${name}`)) throw new Error(`two operations map to ${tag}.${name}`);
      seen.add(`${tag}.${name}`);
      const successCode = Object.keys(op.responses).find((s) => s.startsWith('2'));
      const successSchema = op.responses[successCode]?.content?.['application/json']?.schema;
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const body = schemaOf(bodySchema);
      const query = params.filter((p) => p.in === 'query');
      const paginated = query.some((p) => p.name === 'cursor');
      let itemSchema;
      if (paginated) {
        const list = schemaOf(successSchema);
        itemSchema = list.properties.data.items.$ref ? refName(list.properties.data.items.$ref) : undefined;
        if (!itemSchema) throw new Error(`${op.operationId}: list items must be a $ref`);
      }
      for (const s of [bodySchema, successSchema])
        if (s && !s.$ref) throw new Error(`${op.operationId}: bodies must be $refs to components`);
      const entry = {
        tag,
        operationId: op.operationId,
        summary: (op.summary ?? op.operationId).replace(/\.$/, ''),
        method: method.toUpperCase(),
        path,
        name,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        query: query.map((p) => ({ name: p.name, required: Boolean(p.required), schema: p.schema })),
        paginated,
        itemSchema,
        bodySchema: bodySchema ? refName(bodySchema.$ref) : undefined,
        bodyRequired: Boolean(op.requestBody?.required),
        successSchema: successSchema ? refName(successSchema.$ref) : undefined,
        empty: successCode === '204',
        idempotencyHeader: params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        bodyKey: body?.properties?.idempotencyKey
          ? 'event'
          : schemaOf(body?.properties?.events?.items)?.properties?.idempotencyKey
            ? 'batch'
            : undefined,
      };
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push(entry);
    }
  }
  return groups;
}

/** The first line of a tag's description, for the resource group's doc comment. */
export function tagDescription(spec, tag) {
  return (
    (spec.tags ?? [])
      .find((t) => t.name === tag)
      ?.description?.trim()
      .split('\n')[0] ?? tag
  );
}
