/** The subset of JSON Schema that plugin config schemas use, enough to draw a form from. */
export interface FieldSchema {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

export interface ObjectSchema {
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

export type FieldValues = Record<string, string>;

/**
 * One input per property of a plugin's config (or credentials) schema: required ones first, the
 * description as help text, the schema's bounds as the input's own constraints.
 */
export function SchemaFields({
  schema,
  prefix,
  values,
  onChange,
  secret = false,
}: {
  schema: ObjectSchema;
  prefix: string;
  values: FieldValues;
  onChange: (values: FieldValues) => void;
  secret?: boolean;
}) {
  const required = new Set(schema.required ?? []);
  const names = Object.keys(schema.properties ?? {}).sort(
    (a, b) => Number(required.has(b)) - Number(required.has(a)),
  );
  return (
    <>
      {names.map((name) => {
        const field = schema.properties![name]!;
        const type = Array.isArray(field.type) ? field.type[0] : field.type;
        const id = `${prefix}-${name}`;
        const set = (value: string) => onChange({ ...values, [name]: value });
        // Preact's input typing ties attributes to one `type` at a time; this one is either.
        const inputType = (type === 'integer' || type === 'number' ? 'number' : 'text') as 'text';
        return (
          <div class="field" key={name}>
            <label for={id}>
              {name}
              {required.has(name) ? (secret ? ' (required when credentials are given)' : ' (required)') : ''}
            </label>
            {field.enum ? (
              <select id={id} value={values[name] ?? ''} onChange={(e) => set(e.currentTarget.value)}>
                <option value="">—</option>
                {field.enum.map((v) => (
                  <option key={String(v)} value={String(v)}>
                    {String(v)}
                  </option>
                ))}
              </select>
            ) : type === 'boolean' ? (
              <select id={id} value={values[name] ?? ''} onChange={(e) => set(e.currentTarget.value)}>
                <option value="">default</option>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : secret ? (
              <textarea
                id={id}
                rows={3}
                value={values[name] ?? ''}
                onInput={(e) => set(e.currentTarget.value)}
                aria-describedby={field.description ? `${id}-help` : undefined}
              />
            ) : (
              <input
                id={id}
                type={inputType}
                required={required.has(name)}
                {...(field.minimum !== undefined && { min: field.minimum })}
                {...(field.maximum !== undefined && { max: field.maximum })}
                placeholder={field.default === undefined ? '' : JSON.stringify(field.default)}
                value={values[name] ?? ''}
                onInput={(e) => set(e.currentTarget.value)}
                aria-describedby={field.description ? `${id}-help` : undefined}
              />
            )}
            {field.description && (
              <small id={`${id}-help`} class="muted">
                {field.description}
              </small>
            )}
          </div>
        );
      })}
    </>
  );
}

/** The form's strings as the schema's types; empty fields are left out so defaults apply. */
export function valuesFor(schema: ObjectSchema, values: FieldValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (raw === '') continue;
    const field = schema.properties?.[name];
    const type = Array.isArray(field?.type) ? field.type[0] : field?.type;
    out[name] =
      type === 'integer' || type === 'number' ? Number(raw) : type === 'boolean' ? raw === 'true' : raw;
  }
  return out;
}
