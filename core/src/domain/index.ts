export { derivedDeliveryId, derivedEventId, ID_PREFIXES, isId, newId, type IdPrefix } from './ids.js';
