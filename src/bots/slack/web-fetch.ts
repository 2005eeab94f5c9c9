// The Web API client's transport: one keep-alive connection pool over node:http(s), for the
// url-encoded POSTs every Web API call makes. Global fetch costs about twice the CPU per call
// (web streams, a Request and a Response each way), and the bot makes one call per answer on
// the same thread that receives Slack's events. Bodies other than a string (file uploads as
// FormData) go to global fetch.
import http from "node:http";
import https from "node:https";
import { promisify } from "node:util";
import zlib from "node:zlib";

export interface WebFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Closes the idle pooled connections; calls in flight finish, later calls open new ones. */
  close(): void;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliDecompress);

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return gunzip(body);
    case "deflate":
      return inflate(body);
    case "br":
      return brotli(body);
    default:
      return body;
  }
}

/**
 * A response whose body has been read whole: what fetch's Response offers, without the web
 * stream a Response builds for every body (a fifth of this transport's cost) unless `body`
 * is asked for.
 */
class BufferedResponse implements Response {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = "basic" as const;
  #data: Buffer | null;
  #used = false;

  constructor(
    data: Buffer | null,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
  ) {
    this.#data = data;
    this.ok = status >= 200 && status < 300;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#data === null ? null : (new Blob([this.#take()]).stream() as ReadableStream<Uint8Array<ArrayBuffer>>);
  }

  /** The body, once: a second read fails as fetch's does. */
  #claim(): Buffer {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.#data ?? Buffer.alloc(0);
  }

  /** The body as bytes of an ArrayBuffer of its own (a Buffer may share a pooled one). */
  #take(): Uint8Array<ArrayBuffer> {
    const data = this.#claim();
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  }

  async text(): Promise<string> {
    return this.#claim().toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#take().buffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#take();
  }

  async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.headers.get("content-type") ?? "" });
  }

  async formData(): Promise<FormData> {
    return new Response(this.#take(), { headers: this.headers }).formData();
  }

  clone(): Response {
    if (this.#used) throw new TypeError("Response.clone: Body has already been consumed.");
    return new BufferedResponse(this.#data, this.status, this.statusText, new Headers(this.headers), this.url);
  }
}

function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => (out[key] = value));
  return out;
}

export function createWebFetch(): WebFetch {
  const agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true }),
  };
  const lean = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const body = init.body ?? null;
    if (input instanceof Request || (body !== null && typeof body !== "string")) return globalThis.fetch(input, init);
    const url = new URL(input);
    const protocol = url.protocol === "https:" ? "https:" : url.protocol === "http:" ? "http:" : null;
    if (!protocol) return globalThis.fetch(input, init);
    const headers = headerRecord(init.headers);
    if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const request = (protocol === "https:" ? https : http).request(
        url,
        { method: init.method ?? "GET", headers, agent: agents[protocol], ...(init.signal ? { signal: init.signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (status >= 300 && status < 400 && res.headers.location && init.redirect === "error") {
              reject(new TypeError(`fetch failed: redirect to ${res.headers.location} refused`));
              return;
            }
            const encoding = res.headers["content-encoding"];
            decode(Buffer.concat(chunks), Array.isArray(encoding) ? encoding[0] : encoding).then((data) => {
              const responseHeaders = new Headers();
              for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
                const name = res.rawHeaders[i] as string;
                if (name.toLowerCase() !== "content-encoding") responseHeaders.append(name, res.rawHeaders[i + 1] as string);
              }
              resolve(new BufferedResponse(NULL_BODY_STATUS.has(status) ? null : data, status, res.statusMessage ?? "", responseHeaders, url.href));
            }, reject);
          });
        },
      );
      request.on("error", reject);
      if (body === null) request.end();
      else request.end(body, "utf8");
    });
  };
  return Object.assign(lean, {
    close() {
      for (const agent of Object.values(agents)) {
        for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
      }
    },
  });
}
