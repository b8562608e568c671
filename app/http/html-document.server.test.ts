import { describe, expect, it } from "vitest";
import { completeDocument } from "./html-document.server";

const doc = (s: string) => completeDocument(Buffer.from(s)).toString();

describe("completeDocument", () => {
  it("moves what React wrote after </body></html> to just before </body>", () => {
    expect(
      doc("<!DOCTYPE html><html><body><main>x</main><script>a()</script></body></html><!--$--><script>b()</script><!--/$-->"),
    ).toBe("<!DOCTYPE html><html><body><main>x</main><script>a()</script><!--$--><script>b()</script><!--/$--></body></html>");
  });

  it("leaves a document that already ends in </body></html> as it is", () => {
    const html = "<!DOCTYPE html><html><body><p>ett</p></body></html>";
    expect(doc(html)).toBe(html);
  });

  it("uses the last </body></html>, so the same text in a script or in user content stays where it is", () => {
    expect(doc('<html><body><pre>&lt;/body&gt;</pre><script>s="</body></html>"</script></body></html><script>t()</script>')).toBe(
      '<html><body><pre>&lt;/body&gt;</pre><script>s="</body></html>"</script><script>t()</script></body></html>',
    );
  });

  it("drops NUL bytes and keeps the other characters, multibyte ones too", () => {
    expect(doc("<html><body>Hälsa\u0000 och \u0000välfärd</body></html>")).toBe("<html><body>Hälsa och välfärd</body></html>");
  });
});
