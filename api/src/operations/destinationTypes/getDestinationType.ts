import type { Handler } from '../Handler.js';
import { toDestinationTypeResource } from './toDestinationTypeResource.js';

export const getDestinationType: Handler<'getDestinationType'> = async ({ params }, { endpoints }) => {
  return {
    status: 200,
    body: toDestinationTypeResource(await endpoints.getDestinationType(params.destinationTypeId)),
  };
};
