/**
 * Turns `mysql://user:pass@host:3306/db`, `sqlite:path/to/file.sqlite` or `sqlite::memory:` into
 * database settings. An unparseable URL yields `{ url }` so that validation reports it by name.
 */
export function parseDatabaseUrl(raw: string): Record<string, unknown> {
  const value = raw.trim();
  if (value.startsWith('sqlite:')) {
    const filename = value.slice('sqlite:'.length).replace(/^\/\//, '');
    return { client: 'sqlite', filename };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { url: `${value} (expected mysql://user:password@host:port/database or sqlite:path)` };
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    return { client: url.protocol.replace(/:$/, '') };
  }
  const out: Record<string, unknown> = {
    client: 'mysql',
    host: url.hostname,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
  if (url.port) out.port = Number(url.port);
  return out;
}
