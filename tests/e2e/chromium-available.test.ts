import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { browserRequired, chromiumPath, hasBrowser, launchChromium } from "../support/browser";

// Browser tests skip themselves where no Chromium is installed; in CI (REQUIRE_BROWSER=1) that
// would hide them, so there a missing or broken Chromium is a failure of its own.
describe.runIf(browserRequired)("Chromium for the browser tests", () => {
  it("is installed", () => {
    expect(hasBrowser, "install Debian's chromium or set CHROMIUM_PATH").toBe(true);
    expect(chromiumPath && fs.existsSync(chromiumPath), `${chromiumPath} does not exist`).toBe(true);
  });

  it("starts and renders a page", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent("<title>ok</title><p>Hej</p>");
      expect(await page.textContent("p")).toBe("Hej");
    } finally {
      await browser.close();
    }
  });
});
