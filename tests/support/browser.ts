import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { AxeBuilder } from "@axe-core/playwright";
import {
  chromium,
  type Browser,
  type ConsoleMessage,
  type Locator,
  type Page,
  type Request,
  type WebSocket,
} from "playwright-core";

/** Debian's Chromium (or CHROMIUM_PATH). Browser tests are skipped by name when none is found. */
export const chromiumPath: string | undefined =
  process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** CI sets REQUIRE_BROWSER=1: then a missing Chromium fails instead of skipping. */
export const browserRequired = process.env.REQUIRE_BROWSER === "1";

export const hasBrowser = chromiumPath !== undefined;

/**
 * Screenshots are for a person to look at, not checked by any test, and an encoded full-page PNG
 * costs more than the checks beside it: they are written only when SHOTS_DIR names a folder
 * (`SHOTS_DIR=/tmp/shots npm test`).
 */
export const shotsDir: string | undefined = process.env.SHOTS_DIR || undefined;

export async function screenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await ("goto" in target ? target.screenshot({ path: file, fullPage: options.fullPage }) : target.screenshot({ path: file }));
}

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

/** The password of every seeded demo account. */
export const demoPassword = "samhallsforum-demo";

/** The seeded demo accounts, one for each role that signs in. */
export const demoAccounts = {
  resident: "invanare@example.se",
  moderator: "moderator@example.se",
  lab_staff: "labbet@example.se",
  admin: "admin@example.se",
} as const;

export interface SignInOptions {
  /** Signs in through /logga-in?redirectTo=…, and waits to land there. */
  redirectTo?: string;
  /** The path the sign-in lands on; default redirectTo, or "/" (an account with two-step sign-in lands on "/logga-in/kod"). */
  landsOn?: string;
  /** Sends the form with Enter from the password field instead of a click, as a keyboard user does. */
  keyboard?: boolean;
}

/**
 * Signs in through the sign-in form (with the demo password unless told otherwise) and waits until the
 * page it lands on has rendered. Works with and without JavaScript.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password = demoPassword, options: SignInOptions = {}) {
  const { redirectTo } = options;
  const landsOn = options.landsOn ?? redirectTo ?? "/";
  const site = new URL(baseUrl).origin;
  await page.goto(`${site}/logga-in${redirectTo === undefined ? "" : `?redirectTo=${encodeURIComponent(redirectTo)}`}`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  const button = page.getByRole("button", { name: "Logga in" });
  if (options.keyboard) await page.keyboard.press("Enter");
  else await button.click();
  await page.waitForURL((url) => url.origin === site && url.pathname === landsOn);
  // The address changes a moment before the new page has rendered (the code page has a button of that name too).
  if (landsOn !== "/logga-in/kod") await button.waitFor({ state: "detached" });
}

/** Waits until React has hydrated the page: the root sets data-hydrated on <html> after hydration. */
export async function waitForHydration(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout });
}

interface LiveSocket {
  socket: WebSocket;
  /** socket.io's CONNECT answer ("40") has arrived. */
  connected: boolean;
  /** Subscriptions sent and not yet answered, by acknowledgement id. */
  asked: Map<string, string>;
  /** Rooms the server has let this socket into. */
  joined: Set<string>;
}

export interface FollowedPage {
  /**
   * Waits until the page has hydrated, its live socket has connected and none of its requests are still
   * under way (the route discovery after hydration among them): whatever those effects break has shown by then.
   */
  settled(timeout?: number): Promise<void>;
  /** Waits until the page's current live socket has joined the rooms, so that nothing published after this is missed. */
  joined(rooms: string[], timeout?: number): Promise<void>;
}

/** Follows a page's requests and live socket (socket.io frames) from before it loads, for `settled` and `joined`. */
export function followPage(page: Page): FollowedPage {
  const inFlight = new Set<Request>();
  const sockets: LiveSocket[] = [];
  const waiting = new Set<() => void>();
  const changed = () => waiting.forEach((wake) => wake());
  const current = () => {
    const latest = sockets.at(-1);
    return latest && !latest.socket.isClosed() ? latest : undefined;
  };
  page.on("request", (request) => inFlight.add(request));
  const finished = (request: Request) => {
    inFlight.delete(request);
    changed();
  };
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  page.on("websocket", (socket) => {
    const live: LiveSocket = { socket, connected: false, asked: new Map(), joined: new Set() };
    sockets.push(live);
    socket.on("framesent", ({ payload }) => {
      const subscribe = typeof payload === "string" ? /^42(\d+)(\[.*)$/s.exec(payload) : null;
      if (!subscribe) return;
      const [name, body] = JSON.parse(subscribe[2]) as [string, { room?: string }];
      if (name === "subscribe" && typeof body?.room === "string") live.asked.set(subscribe[1], body.room);
    });
    socket.on("framereceived", ({ payload }) => {
      if (typeof payload !== "string") return;
      if (payload.startsWith("40")) live.connected = true;
      const answer = /^43(\d+)(\[.*)$/s.exec(payload);
      const room = answer && live.asked.get(answer[1]);
      if (answer && room) {
        live.asked.delete(answer[1]);
        const [reply] = JSON.parse(answer[2]) as [{ ok?: boolean }];
        if (reply?.ok) live.joined.add(room);
      }
      changed();
    });
    socket.on("close", changed);
  });

  async function until(done: () => boolean, problem: () => string, timeout: number) {
    const deadline = Date.now() + timeout;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(problem());
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiting.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        waiting.add(wake);
      });
    }
  }

  return {
    async settled(timeout = 15_000) {
      const started = Date.now();
      await waitForHydration(page, timeout);
      await until(
        () => current()?.connected === true && inFlight.size === 0,
        () =>
          `${page.url()} did not settle: ${current()?.connected ? "" : "the live socket did not connect; "}` +
          `${inFlight.size} requests under way ${[...inFlight].map((r) => r.url()).join(", ")}`,
        timeout - (Date.now() - started),
      );
      // One more turn of the page's event loop, for the handlers of what just arrived.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    },
    async joined(rooms, timeout = 15_000) {
      await until(
        () => rooms.every((room) => current()?.joined.has(room)),
        () => `${page.url()}: the live socket did not join ${rooms.filter((room) => !current()?.joined.has(room)).join(", ")}`,
        timeout,
      );
    },
  };
}

/** Tab presses to give up after. */
const tabLimit = 150;

/**
 * Presses Tab until the element is focused, as a keyboard user would; no clicks anywhere. A name is
 * a button, a link or a form field by that exact name; a locator may match several elements, and the
 * first of them that Tab reaches counts.
 */
export async function tabTo(page: Page, target: Locator | string, limit = tabLimit): Promise<void> {
  const locator =
    typeof target === "string"
      ? page
          .getByRole("button", { name: target, exact: true })
          .or(page.getByRole("link", { name: target, exact: true }))
          .or(page.getByLabel(target, { exact: true }))
      : target;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await locator.evaluateAll((elements) => elements.some((element) => element === document.activeElement))) return;
  }
  throw new Error(`${locator} was not reached with Tab`);
}

/** The WCAG 2.1 A and AA rules that every page is held to. */
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core over the page as it is now and expects no violations of the WCAG 2.1 A and AA rules.
 * A page without frames is checked in one run in the page itself (axe's legacy mode), without the blank
 * page that the frame-by-frame run opens for every check: the same rules and results in half the time.
 */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  const framed = page.frames().length > 1;
  const result = await new AxeBuilder({ page }).withTags(wcagTags).setLegacyMode(!framed).analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe violations on ${what}`).toEqual([]);
}

/**
 * Collects the page's uncaught errors and console errors (React's warnings among them) for
 * `expectNoErrors`. `ignore` leaves out console errors that the test checks in another way.
 */
export function watchErrors(page: Page, options: { ignore?: (message: ConsoleMessage) => boolean } = {}): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error" || options.ignore?.(message)) return;
    problems.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  return problems;
}

export function expectNoErrors(problems: string[], what?: string): void {
  expect(problems, what).toEqual([]);
}
