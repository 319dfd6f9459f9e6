import type { OpenAPIBackend } from 'openapi-backend';
import { decodeCursor } from '@caravan/core';
import type { ProblemFieldError as FieldError } from '../../http/problems.js';
import { HttpProblem } from '../../http/problems.js';
import type { OperationId, OperationRequest } from '../../operations/Handler.js';
import { stateOf, type ApiStage } from './ApiStage.js';

/**
 * Validates the path, query, headers and body against the operation in the contract (a 422 naming every
 * field), then builds the request the handler gets. The tenant comes from the key, never the request.
 */
export function validateRequest(api: Pick<OpenAPIBackend, 'validateRequest' | 'router'>): ApiStage {
  return async (ctx, next) => {
    const operation = stateOf(ctx, 'operation');
    const principal = stateOf(ctx, 'principal');
    checkPathEncoding(operation.path, ctx.path);
    const { body, rawBody } = stateOf(ctx, 'payload');
    const query = { ...(ctx.query as Record<string, string | string[]>) };
    const headers = Object.fromEntries(
      Object.entries(ctx.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    ) as Record<string, string | undefined>;
    const validation = api.validateRequest(
      { method: ctx.method, path: ctx.path, query, headers: headers as Record<string, string>, body },
      operation,
    );
    if (!validation.valid) {
      throw new HttpProblem(
        'CARAVAN_VALIDATION_FAILED',
        'The request does not match the contract; see errors.',
        toFieldErrors(validation.errors ?? []),
      );
    }
    // Every list's cursor is checked before any lookup, so a bad one is the same 400 on every list.
    if (typeof query.cursor === 'string') decodeCursor(query.cursor);
    const params = api.router.parseRequest(
      { method: ctx.method, path: ctx.path, headers: {}, query: {} },
      operation,
    ).params as Record<string, string>;
    const request: OperationRequest<OperationId> = {
      body: body as never,
      rawBody,
      params: params as never,
      query,
      headers,
      principal,
      tenantId: principal.kind === 'admin' ? '' : principal.tenantId,
    };
    ctx.state.request = request;
    await next();
  };
}

/**
 * Refuses a path parameter that is not valid percent-encoding (`%ff`, a cut `%E0%A4%A`): the contract's
 * parser would throw `URIError` decoding it. A 400 naming `/path/<name>`, as any other invalid parameter.
 */
export function checkPathEncoding(template: string, path: string): void {
  const names = template.split('/');
  const segments = path.split('/');
  const errors: FieldError[] = [];
  names.forEach((name, i) => {
    const param = /^\{(.+)\}$/.exec(name)?.[1];
    const segment = segments[i];
    if (param === undefined || segment === undefined) return;
    try {
      decodeURIComponent(segment);
    } catch {
      errors.push({ field: `/path/${param}`, message: 'is not valid percent-encoded UTF-8' });
    }
  });
  if (errors.length) {
    throw new HttpProblem('CARAVAN_VALIDATION_FAILED', `${errors[0]!.field}: ${errors[0]!.message}`, errors);
  }
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Rewrites openapi-backend's Ajv errors into the contract's field pointers (`/body/...`, `/query/...`). */
export function toFieldErrors(errors: AjvLikeError[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    let field = e.instancePath.replace(/^\/requestBody/, '/body');
    if (!/^\/(body|query|path|header|params|headers)/.test(field)) field = `/body${field}`;
    field = field.replace(/^\/params/, '/path').replace(/^\/headers/, '/header');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      field = `${field}/${String(e.params.missingProperty)}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      field = `${field}/${String(e.params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}
