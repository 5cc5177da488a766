/**
 * A Request and a Response whose body is already in memory. Node 20 turns every body given to
 * `new Request` or `new Response` into a web stream, which is slow to make and to read back (for
 * a small JSON request or answer, more than the rest of the HTTP layer together). These keep the
 * body as it is and answer `text()` and `json()` from it as the native classes would (once only;
 * a request's bytes decoded as UTF-8 with a leading BOM dropped). Whatever needs the body as a
 * stream or in another form (`body`, `arrayBuffer()`, `blob()`, `bytes()`, `formData()`,
 * `clone()`) gets it from a native object made from the body at that moment, which owns the body
 * from then on. One limit: `new Request(buffered)` and `new Response(buffered.body)`-style copies
 * made by the native constructors themselves see the stream only through `body`.
 */

const utf8 = new TextDecoder();
const encoder = new TextEncoder();
const unusable = () => new TypeError('Body is unusable: Body has already been read');

/** The reads a buffered body delegates to the native object (each then reads the stream). */
type StreamedRead = 'arrayBuffer' | 'blob' | 'formData';

function viaNative<T>(native: () => Body, read: StreamedRead): Promise<T> {
  try {
    return native()[read]() as Promise<T>;
  } catch (error) {
    return Promise.reject(error);
  }
}

/** An incoming request whose body node:http has read into memory (http/node.ts). */
export class BufferedRequest extends Request {
  #bytes: Uint8Array<ArrayBuffer>;
  #used = false;
  #native: Request | null = null;

  constructor(url: URL, method: string, headers: Headers, bytes: Uint8Array<ArrayBuffer>) {
    super(url, { method, headers });
    this.#bytes = bytes;
  }

  /** This request as a native one with the body as a stream, made once. */
  #streamed = (): Request => {
    if (this.#used && !this.#native) throw unusable();
    return (this.#native ??= new Request(this.url, { method: this.method, headers: this.headers, body: this.#bytes }));
  };

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#used && !this.#native ? null : this.#streamed().body;
  }

  override get bodyUsed(): boolean {
    return this.#native ? this.#native.bodyUsed : this.#used;
  }

  override text(): Promise<string> {
    if (this.#native) return this.#native.text();
    if (this.#used) return Promise.reject(unusable());
    this.#used = true;
    return Promise.resolve(utf8.decode(this.#bytes));
  }

  override json(): Promise<unknown> {
    return this.#native ? this.#native.json() : this.text().then((text) => JSON.parse(text) as unknown);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return viaNative(this.#streamed, 'arrayBuffer');
  }

  override blob(): Promise<Blob> {
    return viaNative(this.#streamed, 'blob');
  }

  override formData(): Promise<FormData> {
    return viaNative(this.#streamed, 'formData');
  }

  override clone(): Request {
    if (this.#native) return this.#native.clone();
    if (this.#used) throw unusable();
    return new BufferedRequest(new URL(this.url), this.method, new Headers(this.headers), this.#bytes);
  }
}

/** An answer whose body is a string (the JSON answers of http/answer.ts). */
export class BufferedResponse extends Response {
  #text: string;
  #used = false;
  #native: Response | null = null;
  readonly #init: { status: number; statusText: string };

  constructor(text: string, init: { status?: number; headers?: HeadersInit } = {}) {
    super(null, init);
    this.#text = text;
    this.#init = { status: this.status, statusText: this.statusText };
  }

  /** This answer as a native one with the body as a stream, made once. */
  #streamed = (): Response => {
    if (this.#used && !this.#native) throw unusable();
    return (this.#native ??= new Response(this.#text, { ...this.#init, headers: this.headers }));
  };

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#used && !this.#native ? null : this.#streamed().body;
  }

  override get bodyUsed(): boolean {
    return this.#native ? this.#native.bodyUsed : this.#used;
  }

  override text(): Promise<string> {
    if (this.#native) return this.#native.text();
    if (this.#used) return Promise.reject(unusable());
    this.#used = true;
    return Promise.resolve(this.#text);
  }

  override json(): Promise<unknown> {
    return this.#native ? this.#native.json() : this.text().then((text) => JSON.parse(text) as unknown);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#native || this.#used) return viaNative(this.#streamed, 'arrayBuffer');
    this.#used = true;
    return Promise.resolve(encoder.encode(this.#text).buffer);
  }

  override blob(): Promise<Blob> {
    return viaNative(this.#streamed, 'blob');
  }

  override formData(): Promise<FormData> {
    return viaNative(this.#streamed, 'formData');
  }

  override clone(): Response {
    if (this.#native) return this.#native.clone();
    if (this.#used) throw unusable();
    return new BufferedResponse(this.#text, { status: this.status, headers: new Headers(this.headers) });
  }
}
