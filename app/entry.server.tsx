import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import type { HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { NonceProvider } from "./ui/nonce";
import { DocumentHtmlProvider } from "./ui/DocumentHtml";
import { completeDocument } from "./http/html-document.server";
import { noteError, unavailableResponse, wasUnavailable } from "./http/unavailable.server";

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
  // The whole document is rendered before the answer starts: no route streams deferred data, and one
  // buffer costs far less CPU than many small chunks through web streams and gzip (docs/performance.md).
  // The status is then final too: an error anywhere in the render makes it a 500, not a cut-off 200.
  // And the whole document can be put right before it leaves (completeDocument: valid HTML).
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(completeDocument(Buffer.concat(chunks)), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <DocumentHtmlProvider value={loadContext.documentHtml ?? null}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </DocumentHtmlProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell, Remix renders the error boundary itself (and reports the error there).
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/** A lost database is an outage (503, logged as a warning), not a bug (500). */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (noteError(error, context)) {
    console.warn(`Databasen svarar inte (${request.method} ${new URL(request.url).pathname})`);
    return;
  }
  // An aborted request is the visitor leaving; a 4xx (a thrown Response, or the router's own 404 and
  // 405) is an answer to a bad request. Only real errors are logged as errors.
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
};

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) =>
  wasUnavailable(context) ? unavailableResponse(false) : response;
