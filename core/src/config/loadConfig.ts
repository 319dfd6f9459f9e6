import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { ConfigError, type ConfigIssue } from '../errors/index.js';
import type { CaravanConfig, FrozenConfig } from './CaravanConfig.js';
import { configSchema } from './configSchema.js';
import { deepFreeze } from './deepFreeze.js';
import { databaseDefaults, defaultConfig, logDefaults } from './defaults.js';
import { envLayer, type ConfigLayer } from './envLayer.js';

export interface LoadConfigOptions {
  /** Environment to read `CARAVAN_*` variables from. */
  env?: NodeJS.ProcessEnv;
  /** Optional JSON configuration file. */
  file?: string;
  /** Layers applied after the defaults and before the file (e.g. what `caravan dev` generates). */
  presets?: { name: string; values: Record<string, unknown> }[];
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const validate = ajv.compile<CaravanConfig>(configSchema);

/**
 * Loads the configuration once: defaults → presets → optional JSON file → `CARAVAN_*` env vars,
 * validated against the configuration schema and deeply frozen. Throws {@link ConfigError} naming
 * every bad setting, where it came from, and the expected form.
 */
export function loadConfig(options: LoadConfigOptions = {}): FrozenConfig {
  const merged: Record<string, unknown> = structuredClone<Record<string, unknown>>(defaultConfig);
  const sources = new Map<string, string>();
  const apply = (layer: ConfigLayer): void => {
    mergeInto(merged, layer.values, '');
    for (const [path, source] of layer.sources) sources.set(path, source);
  };
  for (const preset of options.presets ?? []) apply(layerOf(preset.values, preset.name));
  if (options.file !== undefined) apply(layerOf(readConfigFile(options.file), options.file));
  apply(envLayer(options.env ?? {}));

  if (!validate(merged)) {
    throw new ConfigError(toIssues(validate.errors ?? [], sources));
  }
  const config = merged as unknown as CaravanConfig;
  const keyIds = config.encryption.keys.map((k) => k.id);
  if (!keyIds.includes(config.encryption.primaryKeyId)) {
    throw new ConfigError([
      {
        path: 'encryption.primaryKeyId',
        message: `must name one of the key ring's ids (${keyIds.join(', ')}), got "${config.encryption.primaryKeyId}"`,
      },
    ]);
  }
  return deepFreeze(config);
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError([{ path: '(file)', source: file, message: `cannot be read: ${String(cause)}` }]);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the top level must be a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (cause) {
    throw new ConfigError([
      { path: '(file)', source: file, message: `is not valid JSON: ${(cause as Error).message}` },
    ]);
  }
}

function layerOf(values: Record<string, unknown>, source: string): ConfigLayer {
  const sources = new Map<string, string>();
  const walk = (node: unknown, path: string): void => {
    if (path) sources.set(path, source);
    if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(values, '');
  return { values, sources };
}

/** Deep merge where arrays and scalars replace; switching a database client or log engine resets that block. */
function mergeInto(target: Record<string, unknown>, layer: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(layer)) {
    const here = path ? `${path}.${key}` : key;
    if (isPlainObject(value)) {
      let current = target[key];
      const variant = variantDefaults(here, value, current);
      if (variant) current = target[key] = structuredClone(variant);
      if (!isPlainObject(current)) current = target[key] = {};
      mergeInto(current as Record<string, unknown>, value, here);
    } else {
      target[key] = value;
    }
  }
}

function variantDefaults(path: string, value: Record<string, unknown>, current: unknown): object | undefined {
  const currentObj = isPlainObject(current) ? current : {};
  if (path === 'database' && typeof value.client === 'string' && value.client !== currentObj.client) {
    return databaseDefaults[value.client as keyof typeof databaseDefaults];
  }
  if (path === 'log' && typeof value.engine === 'string' && value.engine !== currentObj.engine) {
    return logDefaults[value.engine as keyof typeof logDefaults];
  }
  return undefined;
}

function toIssues(errors: ErrorObject[], sources: Map<string, string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // if/then/else and oneOf wrappers repeat what their branches already said.
    if (error.keyword === 'if' || error.keyword === 'oneOf') continue;
    let path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      path = path ? `${path}.${missing}` : missing;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      path = path ? `${path}.${extra}` : extra;
      message = 'is not a known setting';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const description = (error.parentSchema as { description?: string } | undefined)?.description;
    if (description && error.keyword !== 'required') message += ` (${description})`;
    const key = `${path}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const source = sourceOf(path, sources);
    issues.push(source ? { path: path || '(root)', source, message } : { path: path || '(root)', message });
  }
  return issues;
}

function sourceOf(path: string, sources: Map<string, string>): string | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const source = sources.get(p) ?? sources.get(p.replace(/\.\d+$/, ''));
    if (source) return source;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
