/**
 * The client hung up before its request body arrived whole. Nothing is answered (no one is listening)
 * and nothing went wrong on Caravan's side: it is counted with status 499, as proxies do, and not logged.
 */
export class ClientAbortedError extends Error {
  constructor(cause?: unknown) {
    super('The client closed the connection before sending the whole request body.', { cause });
    this.name = 'ClientAbortedError';
  }
}

/** The status a request ended by its own client is counted with (nginx's "client closed request"). */
export const clientClosedRequest = 499;
