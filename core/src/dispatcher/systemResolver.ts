import { lookup } from 'node:dns/promises';
import type { HostResolver } from '../domain/urlGuard.js';

/** The operating system's resolver (`getaddrinfo`, so `/etc/hosts` counts), every address. */
export const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
