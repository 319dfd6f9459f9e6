/** A signing secret, shown once: the API never returns it again. */
export function SecretOnce({ secret, endpointId }: { secret: string; endpointId: string }) {
  return (
    <div class="notice" role="status">
      <p>
        Signing secret of <code>{endpointId}</code>, shown only now. Give it to the receiver to verify
        signatures:
      </p>
      <input
        class="secret"
        readOnly
        value={secret}
        aria-label="Signing secret"
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}
