import type { Handler } from '../Handler.js';
import { iso } from '../Handler.js';

export const rotateEndpointSecret: Handler<'rotateEndpointSecret'> = async (
  { tenantId, params, body },
  { endpoints },
) => {
  const rotated = await endpoints.rotateSecret(tenantId, params.endpointId, body ?? {});
  return {
    status: 200,
    body: {
      id: rotated.id,
      secret: rotated.secret,
      publicKey: rotated.publicKey,
      previousSecretsExpireAt: iso(rotated.previousSecretsExpireAt),
    },
  };
};
