import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { NonceProvider } from "./ui/nonce";
import { noteError, unavailableResponse, wasUnavailable } from "./utils/unavailable.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (wasUnavailable(loadContext)) return unavailableResponse(true);
  const nonce = loadContext.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** A lost database is an outage (503, logged as a warning), not a bug (500). */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (noteError(error, context)) {
    console.warn(`Databasen svarar inte (${request.method} ${new URL(request.url).pathname})`);
    return;
  }
  if (!request.signal.aborted) console.error(error);
};

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) =>
  wasUnavailable(context) ? unavailableResponse(false) : response;
