/** A server-sent events reader, as a browser tab holds the portal's notification stream. */
export class EventStreamReader {
  text = '';
  ended = false;
  openedAt = 0;
  /** When the last `message` event arrived (or the stream opened). */
  lastMessageAt = 0;
  private readonly abort = new AbortController();

  constructor(
    private readonly url: string,
    readonly cookie: string,
  ) {}

  async open(): Promise<number> {
    const res = await fetch(this.url, {
      headers: { cookie: this.cookie, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    this.openedAt = Date.now();
    this.lastMessageAt = this.openedAt;
    if (res.ok && res.body) void this.read(res.body);
    else this.ended = true;
    return res.status;
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        if (text.includes('event: message')) this.lastMessageAt = Date.now();
        this.text += text;
      }
    } catch {
      // aborted or reset: either way the stream is over
    }
    this.ended = true;
  }
}
