import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { Async, describeError } from '../ui/states.js';
import { useAsync } from '../ui/useAsync.js';
import { SchemaFields, valuesFor, type FieldValues, type ObjectSchema } from './SchemaFields.js';

/** A new source: the plugin picked first, then a form drawn from that plugin's config schema. */
export function SourceForm({ onCreated }: { onCreated: (id: string) => void }) {
  const api = useApi();
  const types = useAsync(() => api.sourceTypes.list(), []);
  const [typeId, setTypeId] = useState('');
  const [name, setName] = useState('');
  const [workers, setWorkers] = useState('1');
  const [config, setConfig] = useState<FieldValues>({});
  const [credentials, setCredentials] = useState<FieldValues>({});
  const [error, setError] = useState<string | null>(null);
  return (
    <Async state={types} what="source types">
      {({ data }) => {
        const type = data.find((t) => t.id === typeId);
        const configSchema = (type?.configSchema ?? {}) as ObjectSchema;
        const credentialsSchema = type?.credentialsSchema as ObjectSchema | undefined;
        const hasCredentials = Object.keys(credentialsSchema?.properties ?? {}).length > 0;
        const submit = async (event: Event) => {
          event.preventDefault();
          setError(null);
          try {
            const creds = credentialsSchema ? valuesFor(credentialsSchema, credentials) : {};
            const source = await api.sources.create({
              name: name.trim(),
              type: typeId,
              config: valuesFor(configSchema, config),
              workers: Number(workers),
              ...(Object.keys(creds).length > 0 && { credentials: creds }),
            });
            onCreated(source.id);
          } catch (failure) {
            setError(describeError(failure));
          }
        };
        return (
          <form class="card form" onSubmit={(e) => void submit(e)}>
            <label>
              Plugin
              <select
                name="type"
                required
                value={typeId}
                onChange={(e) => {
                  setTypeId(e.currentTarget.value);
                  setConfig({});
                  setCredentials({});
                }}
              >
                <option value="">Choose…</option>
                {data.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.displayName} ({t.id})
                  </option>
                ))}
              </select>
            </label>
            {type && (
              <>
                <label>
                  Name
                  <input name="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
                </label>
                <label>
                  Workers
                  <input
                    type="number"
                    min={1}
                    max={64}
                    value={workers}
                    onInput={(e) => setWorkers(e.currentTarget.value)}
                  />
                </label>
                <fieldset>
                  <legend>Configuration</legend>
                  <SchemaFields schema={configSchema} prefix="config" values={config} onChange={setConfig} />
                </fieldset>
                {credentialsSchema && hasCredentials && (
                  <fieldset>
                    <legend>Credentials (write-only)</legend>
                    <SchemaFields
                      schema={credentialsSchema}
                      prefix="credentials"
                      values={credentials}
                      onChange={setCredentials}
                      secret
                    />
                  </fieldset>
                )}
              </>
            )}
            {error && (
              <p class="state error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" disabled={!type}>
              Create source
            </button>
          </form>
        );
      }}
    </Async>
  );
}
