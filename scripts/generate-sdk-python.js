// Writes the Python SDK's generated modules from openapi/caravan.yaml into the folder given (default
// sdk-clients/python/src/caravan): types.py (one TypedDict or alias per component schema) and
// _resources.py (one resource group per tag, one method per operationId, named as in @caravan/client but
// in snake_case: `rotateEndpointSecret` → `caravan.endpoints.rotate_secret`). scripts/generate-sdks.sh runs
// it and checks it for drift.
//
// Methods take path parameters positionally, then the JSON body (a dict), then the query parameters and
// per-call options as keyword arguments (snake_case of the spec's names).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, operationGroups, snake, tagDescription, upperFirst } from './sdk-spec.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specFile = process.argv[2] ?? path.join(root, 'openapi/caravan.yaml');
const outDir = process.argv[3] ?? path.join(root, 'sdk-clients/python/src/caravan');
const spec = loadSpec(specFile);
const schemas = spec.components.schemas;
const HEADER =
  '# @generated from openapi/caravan.yaml by scripts/generate-sdk-python.js — do not edit; run `npm run generate`.\n';
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

const refName = (ref) => ref.split('/').pop();
const docLine = (text) =>
  (text ?? '')
    .trim()
    .split('\n\n')[0]
    .replace(/\s*\n\s*/g, ' ')
    .replace(/"""/g, "'''")
    .replace(/\\/g, '\\\\');
const extra = [];

/** The Python type of a schema; `quote` quotes references (for module-level aliases). */
function pyType(s, context, quote) {
  if (!s) return 'Any';
  if (s.$ref) return quote ? JSON.stringify(refName(s.$ref)) : refName(s.$ref);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const rest = variants.filter((v) => v.type !== 'null');
    const inner = rest.map((v, i) => pyType(v, `${context}${i}`, quote));
    const unique = [...new Set(inner)];
    const union = unique.length === 1 ? unique[0] : `Union[${unique.join(', ')}]`;
    return rest.length < variants.length ? `Optional[${union}]` : union;
  }
  if (s.enum) return `Literal[${s.enum.map((v) => JSON.stringify(v)).join(', ')}]`;
  switch (s.type) {
    case 'string':
      return 'str';
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'array':
      return `List[${pyType(s.items, `${context}Item`, quote)}]`;
    case 'object':
      if (s.properties) {
        extra.push(typedDict(context, s));
        return quote ? JSON.stringify(context) : context;
      }
      return `Dict[str, ${s.additionalProperties && s.additionalProperties !== true ? pyType(s.additionalProperties, `${context}Value`, quote) : 'Any'}]`;
    default:
      return 'Any';
  }
}

function typedDict(name, s) {
  const required = new Set(s.required ?? []);
  const fields = Object.entries(s.properties).map(([prop, ps]) => {
    if (KEYWORDS.has(prop) || !/^[A-Za-z_]\w*$/.test(prop))
      throw new Error(`${name}.${prop}: not a Python name`);
    const t = pyType(ps, name + upperFirst(prop), false);
    const doc = ps.description ?? (ps.$ref ? schemas[refName(ps.$ref)]?.description : undefined);
    return `    ${prop}: ${required.has(prop) ? `Required[${t}]` : t}\n${doc ? `    """${docLine(doc)}"""\n` : ''}`;
  });
  return `class ${name}(TypedDict, total=False):\n    """${docLine(s.description) || name}"""\n\n${fields.join('')}`;
}

// Aliases refer to each other by quoted name, so their order does not matter; TypedDicts are classes.
const decls = [];
for (const [name, s] of Object.entries(schemas)) {
  if (s.type === 'object' && s.properties) decls.push(typedDict(name, s));
  else
    decls.push(
      `${name} = ${pyType(s, name, true)}\n${s.description ? `"""${docLine(s.description)}"""\n` : ''}`,
    );
}
const typesSource = `${HEADER}"""Request and response types of the Caravan API: one TypedDict or alias per schema of the spec."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Required, TypedDict, Union

${[...decls, ...extra].join('\n\n')}`;

// ---- resources ----
const groups = operationGroups(spec);
const OPTIONS = [
  'idempotency_key: Optional[str] = None',
  'timeout: Optional[float] = None',
  'max_retries: Optional[int] = None',
];

function methodSource(e) {
  const args = ['self', ...e.pathParams.map((p) => `${snake(p)}: str`)];
  if (e.bodySchema)
    args.push(e.bodyRequired ? `body: ${e.bodySchema}` : `body: Optional[${e.bodySchema}] = None`);
  const kw = [
    ...e.query.map(
      (q) =>
        `${snake(q.name)}: ${pyType(q.schema, '', false).replace(/^(?!Optional)(.*)$/, 'Optional[$1]')} = None`,
    ),
    ...(e.idempotencyHeader || e.bodyKey ? OPTIONS : OPTIONS.slice(1)),
  ];
  const pathExpr = e.pathParams.length
    ? `f${JSON.stringify(e.path.replace(/\{(\w+)\}/g, (_, p) => `{_path(${snake(p)})}`))}`
    : JSON.stringify(e.path);
  const op = [
    JSON.stringify(e.operationId),
    JSON.stringify(e.method),
    pathExpr,
    ...(e.idempotencyHeader ? ['idempotency_header=True'] : []),
    ...(e.bodyKey ? [`body_key=${JSON.stringify(e.bodyKey)}`] : []),
  ];
  const call = [
    `Operation(${op.join(', ')})`,
    ...(e.bodySchema ? ['body'] : []),
    ...(e.query.length
      ? [`query={${e.query.map((q) => `${JSON.stringify(q.name)}: ${snake(q.name)}`).join(', ')}}`]
      : []),
    `options=RequestOptions(${e.idempotencyHeader || e.bodyKey ? 'idempotency_key' : 'None'}, timeout, max_retries)`,
  ];
  const result = e.paginated ? `Page[${e.itemSchema}]` : e.empty ? 'None' : e.successSchema;
  const fn = e.paginated ? 'paginate' : 'request';
  return `    def ${snake(e.name)}(
        ${[...args, '*', ...kw].join(',\n        ')},
    ) -> ${result}:
        """${e.summary}. \`${e.method} ${e.path}\` (\`${e.operationId}\`)"""
        ${e.empty ? '' : 'answer = '}self._client.${fn}(
            ${call.join(',\n            ')},
        )${e.empty ? '' : `\n        return cast(${JSON.stringify(result)}, answer)`}
`;
}

const classes = [...groups].map(
  ([tag, entries]) => `class ${tag}Resource:
    """${docLine(tagDescription(spec, tag))}"""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

${entries.map(methodSource).join('\n')}`,
);
const classesText = classes.join('\n');
const used = Object.keys(schemas).filter((n) => new RegExp(`\\b${n}\\b`).test(classesText));
const resourcesSource = `${HEADER}"""The resource groups of the Caravan API: one class per tag of the spec, one method per operation."""

from __future__ import annotations

from typing import List, Literal, Optional, cast
from urllib.parse import quote

from ._http import HttpClient, Operation, RequestOptions
from ._pagination import Page
from .types import (
${[...used]
  .sort()
  .map((n) => `    ${n},`)
  .join('\n')}
)


def _path(value: str) -> str:
    return quote(value, safe="")


${classes.join('\n\n')}

class Resources:
    """Every resource group of the API, one attribute per tag of the spec."""

    def __init__(self, client: HttpClient) -> None:
${[...groups.keys()].map((tag) => `        self.${snake(tag)} = ${tag}Resource(client)`).join('\n')}


OPERATION_METHODS = {
${[...groups]
  .flatMap(([tag, entries]) =>
    entries.map(
      (e) =>
        `    ${JSON.stringify(e.operationId)}: (${JSON.stringify(snake(tag))}, ${JSON.stringify(snake(e.name))}),`,
    ),
  )
  .join('\n')}
}
"""operationId → (resource group, method): where each operation of the spec lives on a \`Caravan\`."""
`;

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'types.py'), typesSource);
fs.writeFileSync(path.join(outDir, '_resources.py'), resourcesSource);
