// The health server (HEALTH_PORT): `GET /healthz` (JSON, 200 or 503) and `GET /metrics`
// (Prometheus text). Other paths get 404, other methods 405. Plain node:http: two routes
// need no framework.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.ts";
import type { HealthReport } from "./health.ts";
import type { Metrics } from "./metrics.ts";

export interface HealthServerOptions {
  /** Port to listen on; 0 picks a free one (read it from `HealthServer.port`). */
  port: number;
  /** Address to bind. Default 127.0.0.1: only the machine itself can ask. */
  host?: string;
  /** The current report and the status code to send it with. */
  health: () => { httpStatus: number; report: HealthReport };
  metrics: Pick<Metrics, "render">;
  logger: Logger;
}

export interface HealthServer {
  readonly host: string;
  readonly port: number;
  /** Stops listening and closes open connections; safe to call twice. */
  close(): Promise<void>;
}

const ROUTES = new Set(["/healthz", "/metrics"]);

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) =>
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body), headers);

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger.child({ component: "health" });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://health.invalid").pathname;
    if (!ROUTES.has(path)) return sendJson(res, 404, { error: "not found", path });
    if (req.method !== "GET") return sendJson(res, 405, { error: "method not allowed", allow: "GET" }, { allow: "GET" });
    if (path === "/healthz") {
      const { httpStatus, report } = options.health();
      return sendJson(res, httpStatus, report);
    }
    const { contentType, body } = await options.metrics.render();
    return send(res, 200, contentType, body);
  };

  const server = createServer((req, res) => {
    // The request body, if any, is not read: drain it so the connection can be reused.
    req.resume();
    handle(req, res).catch((err: unknown) => {
      logger.error("health: request failed", { path: req.url, err });
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`health: could not listen on ${host}:${options.port}: ${reason}`, { cause: err });
  }
  server.on("error", (err) => logger.error("health: server error", { err }));
  const port = (server.address() as AddressInfo).port;
  logger.info("health: listening", { host, port, paths: [...ROUTES] });

  let closing: Promise<void> | null = null;
  return {
    host,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Scrapers and probes keep connections alive; nothing they wait for matters now.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
