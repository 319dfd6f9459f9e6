/** The fields of an openapi-backend operation the matcher needs. */
export interface MatchableOperation {
  method: string;
  path: string;
}

/**
 * Finds the operation for a request with the same rules as openapi-backend's `router.matchOperation`
 * (exact path and method first, else the most specific path template whose method matches; trailing
 * slashes ignored), but from tables built once. openapi-backend rebuilds its operation list twice and
 * compiles a regular expression per operation on every request, which cost ~6 % of the API's CPU under
 * ingest. `OperationMatcher.test.ts` checks both agree on every operation of the contract.
 *
 * One deliberate difference, from the OpenAPI rule that concrete paths match before templated ones: a
 * path the contract declares literally (`/v1/events/batch`) never falls through to a template
 * (`/v1/events/{eventId}`), so `GET /v1/events/batch` is a 405 whose `Allow` names only `POST`, as the
 * contract says, not a `getEvent` for an event called "batch".
 */
export class OperationMatcher<Op extends MatchableOperation> {
  private readonly exact = new Map<string, Op>();
  private readonly literal = new Map<string, Set<string>>();
  private readonly templates: { pattern: RegExp; method: string; operation: Op }[];

  constructor(operations: readonly Op[]) {
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (!this.exact.has(key)) this.exact.set(key, op);
      if (!op.path.includes('{')) {
        const methods = this.literal.get(op.path) ?? new Set<string>();
        this.literal.set(op.path, methods.add(op.method.toUpperCase()));
      }
    }
    const specificity = (op: Op) => op.path.replace(/\{.*?\}/g, '').length;
    // A stable sort, as lodash's orderBy is: equally specific templates keep the contract's order.
    this.templates = [...operations]
      .sort((a, b) => specificity(b) - specificity(a))
      .map((op) => ({ pattern: templatePattern(op.path), method: op.method, operation: op }));
  }

  match(method: string, rawPath: string): Op | undefined {
    const verb = method.trim().toLowerCase();
    const path = normalise(rawPath);
    const exact = this.exact.get(`${verb} ${path}`);
    if (exact) return exact;
    if (this.literal.has(path)) return undefined;
    for (const t of this.templates) if (t.method === verb && t.pattern.test(path)) return t.operation;
    return undefined;
  }

  /** The methods the contract declares for a path (upper case, sorted): what a 405 lists in `Allow`. */
  methodsAt(rawPath: string): string[] {
    const path = normalise(rawPath);
    const literal = this.literal.get(path);
    if (literal) return [...literal].sort();
    const methods = new Set<string>();
    for (const t of this.templates) {
      if (t.operation.path === path || t.pattern.test(path)) methods.add(t.method.toUpperCase());
    }
    return [...methods].sort();
  }
}

function normalise(rawPath: string): string {
  let path = rawPath.trim();
  if (!path.startsWith('/')) path = `/${path}`;
  path = path.split('?')[0]!;
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

/** `/v1/endpoints/{endpointId}` → `^/v1/endpoints/[^/]+$`, literal parts escaped (openapi-backend's rule). */
function templatePattern(path: string): RegExp {
  const escaped = path
    .replace(/\{[^}]+\}/g, '\0')
    .split('\0')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}
