import type { Handler } from '../Handler.js';
import { toDestinationTypeResource } from './toDestinationTypeResource.js';

export const listDestinationTypes: Handler<'listDestinationTypes'> = async (_request, { endpoints }) => {
  return {
    status: 200,
    body: { data: (await endpoints.listDestinationTypes()).map(toDestinationTypeResource) },
  };
};
