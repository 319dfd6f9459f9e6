import { randomBytes } from 'node:crypto';

/** One request an inbox received, as the dashboard shows it. */
export interface InboxRequest {
  id: string;
  receivedAt: number;
  method: string;
  /** The path and query the sender used. */
  url: string;
  headers: Record<string, string>;
  /** The body as text (UTF-8), cut at `maxBodyBytes`. */
  body: string;
  /** The body's size as sent, in bytes. */
  bodyBytes: number;
  truncated: boolean;
  /** The status the inbox answered it with. */
  answeredWith: number;
}

interface Inbox {
  requests: InboxRequest[];
  /** The status the inbox answers with: 200 unless set, to try retries. */
  status: number;
}

export interface InboxStoreOptions {
  /** Inboxes kept at once; creating one more forgets the least recently used. */
  maxInboxes?: number;
  /** Requests kept per inbox, newest first. */
  maxRequests?: number;
  /** Body bytes kept per request. */
  maxBodyBytes?: number;
  now?: () => number;
}

/**
 * The test inboxes of one process, in memory and bounded (by default 50 inboxes × 20 requests ×
 * 64 KiB): a development aid, so nothing survives a restart. An inbox id is 128 random bits and is the
 * only credential: whoever knows it reads what was sent to it.
 */
export class InboxStore {
  readonly maxInboxes: number;
  readonly maxRequests: number;
  readonly maxBodyBytes: number;
  private readonly now: () => number;
  private readonly inboxes = new Map<string, Inbox>();
  private sequence = 0;

  constructor(options: InboxStoreOptions = {}) {
    this.maxInboxes = options.maxInboxes ?? 50;
    this.maxRequests = options.maxRequests ?? 20;
    this.maxBodyBytes = options.maxBodyBytes ?? 65_536;
    this.now = options.now ?? Date.now;
  }

  create(): string {
    const id = `inb_${randomBytes(16).toString('base64url')}`;
    this.inboxes.set(id, { requests: [], status: 200 });
    if (this.inboxes.size > this.maxInboxes) {
      const oldest = this.inboxes.keys().next().value;
      if (oldest !== undefined) this.inboxes.delete(oldest);
    }
    return id;
  }

  has(id: string): boolean {
    return this.inboxes.has(id);
  }

  /** The status the inbox answers with, or undefined when it does not exist. */
  status(id: string): number | undefined {
    return this.inboxes.get(id)?.status;
  }

  /** Makes the inbox answer every request with `status` from now on; false when it does not exist. */
  setStatus(id: string, status: number): boolean {
    const inbox = this.inboxes.get(id);
    if (inbox) inbox.status = status;
    return inbox !== undefined;
  }

  /** Keeps a request and answers the status to reply with; undefined when the inbox does not exist. */
  record(
    id: string,
    request: Omit<InboxRequest, 'id' | 'receivedAt' | 'truncated' | 'body' | 'answeredWith'> & {
      body: Buffer;
    },
  ): number | undefined {
    const inbox = this.inboxes.get(id);
    if (!inbox) return undefined;
    // Most recently used last, so the map's first key is the one to forget.
    this.inboxes.delete(id);
    this.inboxes.set(id, inbox);
    const truncated = request.body.length > this.maxBodyBytes;
    inbox.requests.unshift({
      ...request,
      id: `req_${String(++this.sequence).padStart(8, '0')}`,
      receivedAt: this.now(),
      body: request.body.subarray(0, this.maxBodyBytes).toString('utf8'),
      truncated,
      answeredWith: inbox.status,
    });
    inbox.requests.length = Math.min(inbox.requests.length, this.maxRequests);
    return inbox.status;
  }

  /** Newest first; undefined when the inbox does not exist. */
  list(id: string): InboxRequest[] | undefined {
    return this.inboxes.get(id)?.requests.slice();
  }
}
