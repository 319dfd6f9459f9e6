import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Path of the OpenAPI contract shipped with Caravan. */
export const contractPath = fileURLToPath(new URL('../../../openapi/caravan.yaml', import.meta.url));

let loaded: { text: string; document: Record<string, unknown> } | undefined;

/** The contract's text (served at /openapi.yaml) and its parsed document, read once per process. */
export function loadContract(): { text: string; document: Record<string, unknown> } {
  if (!loaded) {
    const text = readFileSync(contractPath, 'utf8');
    loaded = { text, document: parse(text) as Record<string, unknown> };
  }
  return loaded;
}
