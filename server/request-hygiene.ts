import type { Request, Response, NextFunction } from "express";
import { serverMessage } from "../app/server-entry";

/**
 * Requests no page of the site sends, answered in the Express layer before Remix sees them, so
 * that they get a 400 with words instead of failing deep inside (PostgreSQL refuses NUL in text,
 * Node refuses control characters in a redirect's Location header).
 */

/** C0 control characters and DEL, percent-encoded or raw: none belongs in a path. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlInPath = /%(?:[01][0-9a-f]|7f)|[\u0000-\u001f\u007f]/i;
/**
 * In the query, control characters are dropped as they are from forms, except tab, line feed and
 * carriage return, which may come from a pasted value and are harmless (every redirect target goes
 * through safeRedirect, which refuses them).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlInQuery = /%(?:0[0-8bcef]|1[0-9a-f]|7f)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gi;

/** Whether a path's percent-encoding decodes (`%ZZ` or a cut-off UTF-8 sequence does not). */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function refuse(req: Request, res: Response, key: `refusal.${string}`) {
  res.status(400).type("text/plain; charset=utf-8").send(serverMessage(req.headers.cookie, key));
}

/**
 * A path with a control character or an encoding that does not decode gets 400 with words (the
 * latter would otherwise reach Express's own English error page, and its stack trace the log); a
 * query loses its control characters.
 */
export function refuseControlCharactersInUrl(req: Request, res: Response, next: NextFunction) {
  const queryAt = req.url.indexOf("?");
  const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  if (controlInPath.test(path)) return refuse(req, res, "refusal.controlCharactersInAddress");
  if (!decodes(path)) return refuse(req, res, "refusal.malformedAddress");
  if (queryAt !== -1) {
    const query = req.url.slice(queryAt);
    const cleaned = query.replace(controlInQuery, "");
    if (cleaned !== query) {
      req.url = path + cleaned;
      req.originalUrl = req.url;
      // Express parsed the query before any middleware ran; parse the cleaned one with the same parser.
      const parse = req.app.get("query parser fn") as ((query: string) => Request["query"]) | undefined;
      if (parse) req.query = parse(cleaned.slice(1));
    }
  }
  next();
}

/**
 * Control characters in form values: no one types them, but they arrive pasted or forged. They are
 * dropped, except tab, line feed and carriage return, which belong in multi-line text.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlInForm = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The url-encoded form with its control characters removed, or null when it has none. */
export function cleanFormBody(body: string): string | null {
  const fields = [...new URLSearchParams(body)];
  let changed = false;
  const cleaned = new URLSearchParams();
  for (const [name, value] of fields) {
    const cleanName = name.replace(controlInForm, "");
    const cleanValue = value.replace(controlInForm, "");
    if (cleanName !== name || cleanValue !== value) changed = true;
    cleaned.append(cleanName, cleanValue);
  }
  return changed ? cleaned.toString() : null;
}

/**
 * Reads a url-encoded body (its size was checked before) and, when it holds control characters,
 * keeps the cleaned one for the Remix step (server/remix-handler.ts). One place for every form.
 */
export function cleanFormBodies(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const refuse = () => {
      if (failed) return;
      failed = true;
      if (!res.headersSent)
        res.status(400).type("text/plain; charset=utf-8").send(serverMessage(req.headers.cookie, "refusal.unreadableForm"));
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.destroy();
        return refuse();
      }
      chunks.push(chunk);
    });
    req.on("error", refuse);
    req.on("end", () => {
      if (failed) return;
      const body = Buffer.concat(chunks);
      const cleaned = cleanFormBody(body.toString("utf8"));
      res.locals.formBody = cleaned === null ? body : Buffer.from(cleaned, "utf8");
      next();
    });
  };
}

export function cleanedFormBodyOf(res: Response): Buffer | undefined {
  return res.locals.formBody as Buffer | undefined;
}

/**
 * The last handler: whatever still fails in Express's own layers answers with words in the reader's
 * language and goes to the request's log, never to Express's default handler (an English page, and
 * a stack trace on stderr in production).
 */
export function answerExpressErrors(error: unknown, req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(error);
  const status = (error as { status?: unknown } | null)?.status;
  const client = typeof status === "number" && status >= 400 && status < 500;
  req.log?.warn({ err: error }, client ? "request refused by Express" : "request failed in Express");
  res
    .status(client ? status : 500)
    .type("text/plain; charset=utf-8")
    .send(serverMessage(req.headers.cookie, client ? "refusal.unreadableRequest" : "refusal.serverError"));
}
