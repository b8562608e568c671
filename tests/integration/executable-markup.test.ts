import { describe, expect, it } from "vitest";
import { executableMarkup } from "../support/html";

// The check behind every "renders hostile text inert" test: it must find what a browser would run.
describe("executableMarkup", () => {
  it("finds markup that would run, written the ways a browser still reads", () => {
    const runs = [
      "<script>alert(1)</script>",
      "<img/src=x onerror=alert(1)>",
      '<a href="jav&#x61;script:alert(1)">x</a>',
      '<a href=" java\tscript:alert(1)">x</a>',
      "<div ONMOUSEOVER=alert(1)>x</div>",
      "<svg><script>alert(1)</script></svg>",
      '<form><button formaction="javascript:alert(1)">x</button></form>',
      '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
      "<template><img src=x onerror=alert(1)></template>",
    ];
    for (const html of runs) expect(executableMarkup(`<p>${html}</p>`), html).not.toEqual([]);
  });

  it("passes text that only looks like markup, and the page's own scripts", () => {
    const inert = [
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      '<input value="&lt;img src=x onerror=alert(1)&gt;">',
      '<a href="/ideer/1?q=javascript:alert(1)">x</a>',
      '<a href="https://example.se/javascript:">x</a>',
      '<script nonce="abc">window.__remixContext = {}</script>',
      "<code>&lt;svg onload=alert(1)&gt;</code>",
    ];
    for (const html of inert) expect(executableMarkup(`<p>${html}</p>`), html).toEqual([]);
  });
});
