import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Folder of the knex migrations shipped with Caravan: their compiled form when Caravan runs compiled. */
export const migrationsDir = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? '../../../migrations/' : '../../../migrations/dist/',
    import.meta.url,
  ),
);

/** The built dashboard and portal (`web/dist`), the same folder from the sources and from `dist/`. */
export const dashboardDir = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Caravan's version, as the `user-agent` and `/healthz` report it. */
export const caravanVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
