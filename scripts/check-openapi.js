// Lints openapi/caravan.yaml beyond what openapi-backend checks: it loads strictly, every component schema
// compiles under Ajv draft-07 strict mode, every example validates against its schema, and the house rules
// of docs/api-conventions.md hold for every operation (auth marker, error responses, closed request bodies,
// Idempotency-Key on creating POSTs, every error code in the status table, no unused components).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import OpenAPIBackendModule from 'openapi-backend';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const { OpenAPIBackend } = OpenAPIBackendModule;
const FILE = process.argv[2] || fileURLToPath(new URL('../openapi/caravan.yaml', import.meta.url));
const problems = [];
const fail = (m) => problems.push(m);

(async () => {
  // 1. openapi-backend, strict, validate, full (non-quick) dereference
  const api = new OpenAPIBackend({
    definition: FILE,
    strict: true,
    validate: true,
    quick: false,
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  await api.init();
  api.validateDefinition();
  console.log('openapi-backend init + validateDefinition: ok,', api.getOperations().length, 'operations');

  const doc = YAML.parse(fs.readFileSync(FILE, 'utf8'), { merge: false, uniqueKeys: true });

  // 2. Forbidden keywords anywhere in schemas
  const FORBIDDEN = [
    'nullable',
    'examples',
    'const',
    'prefixItems',
    'unevaluatedProperties',
    'dependentRequired',
    'dependentSchemas',
    'if',
    'then',
    'else',
    '$schema',
    '$id',
    'discriminator',
    'xml',
    'externalDocs',
    'deprecated',
    'patternProperties',
    'propertyNames',
    'contains',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'example',
    'not',
  ];
  const walkSchema = (s, path) => {
    if (!s || typeof s !== 'object') return;
    if (Array.isArray(s)) {
      s.forEach((x, i) => walkSchema(x, `${path}/${i}`));
      return;
    }
    for (const k of Object.keys(s)) {
      if (FORBIDDEN.includes(k)) fail(`forbidden keyword ${k} at ${path}`);
      if (k === 'type' && Array.isArray(s[k])) fail(`type array at ${path}`);
      if (k === '$ref' && Object.keys(s).length > 1) fail(`$ref with siblings at ${path}`);
    }
    for (const k of ['properties'])
      if (s[k]) for (const [p, v] of Object.entries(s[k])) walkSchema(v, `${path}/${k}/${p}`);
    for (const k of ['items', 'additionalProperties'])
      if (typeof s[k] === 'object') walkSchema(s[k], `${path}/${k}`);
    for (const k of ['anyOf', 'oneOf', 'allOf']) if (s[k]) walkSchema(s[k], `${path}/${k}`);
  };
  for (const [n, s] of Object.entries(doc.components.schemas)) walkSchema(s, `#/components/schemas/${n}`);

  // 3. Ajv draft-07 strict compile of every component schema (refs rewritten to #/definitions)
  const strip = (x) => {
    if (Array.isArray(x)) return x.map(strip);
    if (x && typeof x === 'object') {
      const o = {};
      for (const [k, v] of Object.entries(x)) {
        if (k === 'example') continue;
        if (k === '$ref') {
          o[k] = v.replace('#/components/schemas/', 'caravan#/definitions/');
          continue;
        }
        o[k] =
          k === 'properties'
            ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strip(s)]))
            : strip(v);
      }
      return o;
    }
    return x;
  };
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'caravan', definitions: strip(doc.components.schemas) });
  let compiled = 0;
  for (const n of Object.keys(doc.components.schemas)) {
    try {
      ajv.compile({ $ref: `caravan#/definitions/${n}` });
      compiled++;
    } catch (e) {
      fail(`ajv compile ${n}: ${e.message}`);
    }
  }
  console.log(
    `ajv strict compile: ${compiled}/${Object.keys(doc.components.schemas).length} component schemas`,
  );

  // helper: resolve a local $ref in the raw doc
  const deref = (o) => {
    while (o && o.$ref) {
      o = o.$ref
        .slice(2)
        .split('/')
        .reduce((a, k) => a[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    }
    return o;
  };
  const checkExample = (where, media) => {
    if (!media.schema) {
      fail(`${where}: no schema`);
      return;
    }
    if (!('example' in media)) {
      fail(`${where}: no example`);
      return;
    }
    const v = ajv.compile(strip(media.schema));
    if (!v(media.example)) fail(`${where}: example invalid: ${ajv.errorsText(v.errors)}`);
    else exampleCount++;
  };
  let exampleCount = 0;

  // 4. components.responses examples
  for (const [n, r] of Object.entries(doc.components.responses)) {
    for (const [mt, media] of Object.entries(r.content || {})) checkExample(`responses/${n} ${mt}`, media);
  }

  // 5. per-operation house rules
  const tagNames = new Set(doc.tags.map((t) => t.name));
  const opIds = new Map();
  const rows = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!p.startsWith('/v1/')) fail(`path not under /v1: ${p}`);
    const pathParams = (item.parameters || []).map(deref);
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[m];
      if (!op) continue;
      const where = `${m.toUpperCase()} ${p}`;
      const id = op.operationId;
      if (!id || !/^[a-z][A-Za-z]+$/.test(id)) fail(`${where}: bad operationId ${id}`);
      if (opIds.has(id)) fail(`duplicate operationId ${id}`);
      opIds.set(id, where);
      if (!op.summary) fail(`${where}: no summary`);
      if (!op.tags || op.tags.length !== 1 || !tagNames.has(op.tags[0])) fail(`${where}: tags ${op.tags}`);
      const auth = op['x-caravan-auth'];
      if (!['admin', 'tenant'].includes(auth)) fail(`${where}: x-caravan-auth ${auth}`);
      if (op.security) fail(`${where}: overrides security`);
      const params = [...pathParams, ...(op.parameters || []).map(deref)];
      const hasPathId = params.some((x) => x.in === 'path');
      const hasQuery = params.some((x) => x.in === 'query');
      const hasIdem = params.some((x) => x.in === 'header' && x.name === 'Idempotency-Key');
      const body = op.requestBody;
      const codes = Object.keys(op.responses);
      const need = (c, why) => {
        if (!codes.includes(c)) fail(`${where}: missing ${c} (${why})`);
      };
      const forbid = (c, why) => {
        if (codes.includes(c)) fail(`${where}: unexpected ${c} (${why})`);
      };
      need('401', 'authenticated');
      need('429', 'authenticated');
      need('500', 'always');
      if (hasPathId) {
        need('404', 'path id');
        need('400', 'path id pattern');
      }
      if (hasQuery) need('400', 'query params');
      if (body) {
        need('400', 'body');
        need('415', 'body');
        need('413', 'body');
        const media = body.content['application/json'];
        if (!media || Object.keys(body.content).length !== 1)
          fail(`${where}: body must be application/json only`);
        else {
          checkExample(`${where} requestBody`, media);
          const s = deref(media.schema);
          if (s.additionalProperties !== false) fail(`${where}: request body not closed`);
        }
      } else {
        forbid('415', 'no body');
      }
      if (auth === 'tenant') need('403', 'admin key on tenant op');
      else {
        forbid('403', 'admin op');
        need('404', 'tenant key on admin op');
      }
      if (hasIdem) need('409', 'Idempotency-Key reuse');
      if (
        m === 'post' &&
        !hasIdem &&
        ![
          'sendEvent',
          'sendEventBatch',
          'pauseEndpoint',
          'resumeEndpoint',
          'pauseSource',
          'resumeSource',
          // A replayed answer would keep a bearer token at rest; minting again is harmless.
          'createPortalToken',
        ].includes(id)
      )
        fail(`${where}: POST without Idempotency-Key`);
      const success = codes.filter((c) => c.startsWith('2'));
      if (success.length !== 1) fail(`${where}: ${success.length} success responses`);
      for (const c of codes) {
        const r = deref(op.responses[c]);
        if (c.startsWith('2')) {
          if (c === '204') {
            if (r.content) fail(`${where}: 204 with content`);
            continue;
          }
          const media = r.content && r.content['application/json'];
          if (!media) fail(`${where}: ${c} lacks application/json`);
          else checkExample(`${where} ${c}`, media);
          if (hasIdem && !(r.headers && r.headers['Idempotent-Replayed']))
            fail(`${where}: ${c} lacks Idempotent-Replayed header`);
        } else {
          if (!op.responses[c].$ref) fail(`${where}: ${c} not a reusable response`);
          if (!r.content || !r.content['application/problem+json']) fail(`${where}: ${c} not problem+json`);
        }
      }
      rows.push([id, m.toUpperCase(), p, auth]);
    }
  }
  console.log(`examples validated: ${exampleCount}`);

  // 6. error-code coverage: every code in the ErrorCode table is in the enum and vice versa
  const codes = doc.components.schemas.ErrorCode.enum;
  const table = new Set(doc.components.schemas.ErrorCode.description.match(/CARAVAN_[A-Z_]+/g));
  for (const c of codes) if (!table.has(c)) fail(`ErrorCode ${c} missing from status table`);
  for (const c of table) if (!codes.includes(c)) fail(`status table code ${c} not in enum`);
  const mentioned = new Set(fs.readFileSync(FILE, 'utf8').match(/CARAVAN_[A-Z_]+[A-Z]/g));
  for (const c of mentioned)
    if (!codes.includes(c) && c !== 'CARAVAN_SOURCE_AUTH_FAILED')
      fail(`code mentioned but not in enum: ${c}`);

  // 7. every component is used
  const text = fs.readFileSync(FILE, 'utf8');
  for (const kind of ['schemas', 'parameters', 'responses', 'headers']) {
    for (const n of Object.keys(doc.components[kind])) {
      if (!text.includes(`'#/components/${kind}/${n}'`)) fail(`unused component ${kind}/${n}`);
    }
  }

  if (process.env.LIST) for (const r of rows) console.log(r.join('\t'));
  console.log(`operations: ${rows.length}`);
  if (problems.length) {
    console.log(`\n${problems.length} PROBLEMS:`);
    for (const p of problems) console.log(' - ' + p);
    process.exit(1);
  }
  console.log('ALL CHECKS PASSED');
})().catch((e) => {
  console.error('FATAL', e.message.slice(0, 4000));
  process.exit(2);
});
