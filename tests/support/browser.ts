import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (or CHROMIUM_PATH). Browser tests are skipped by name when none is found. */
export const chromiumPath: string | undefined =
  process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** CI sets REQUIRE_BROWSER=1: then a missing Chromium fails instead of skipping. */
export const browserRequired = process.env.REQUIRE_BROWSER === "1";

export const hasBrowser = chromiumPath !== undefined;

export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error("Chromium not found: install Debian's chromium or set CHROMIUM_PATH");
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
