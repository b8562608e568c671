const closing = Buffer.from("</body></html>");

/**
 * The rendered document as valid HTML. React renders Remix's streamed loader data (`<script>` tags
 * with `window.__remixContext.streamController…`) after the root element, so they arrive after
 * `</body></html>`: a parse error ("Stray start tag script") that browsers repair by moving them
 * into the body. This moves them there itself, before `</body>`, which gives the same DOM. It also
 * drops NUL bytes, which React can emit into the document (react#31134) and which no HTML may hold.
 */
export function completeDocument(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  let document = html.includes(0) ? Buffer.from(html.filter((byte) => byte !== 0)) : html;
  const end = document.lastIndexOf(closing);
  if (end !== -1 && end + closing.length < document.length) {
    document = Buffer.concat([document.subarray(0, end), document.subarray(end + closing.length), closing]);
  }
  return document;
}
