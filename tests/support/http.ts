/**
 * A small browser-like HTTP client: keeps cookies, sends the site's Origin on writes
 * (as a browser does) and does not follow redirects, so tests can look at them.
 */
export class HttpClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader);
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    this.remember(response);
    return response;
  }

  get(path: string, init: RequestInit = {}): Promise<Response> {
    return this.request(path, init);
  }

  /** POSTs a form the way a same-site page does. */
  post(path: string, form: Record<string, string>, init: { origin?: string | null; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", ...init.headers };
    const origin = init.origin === undefined ? new URL(this.baseUrl).origin : init.origin;
    if (origin !== null) headers.Origin = origin;
    return this.request(path, { method: "POST", body: new URLSearchParams(form).toString(), headers });
  }

  async login(email: string, password = "samhallsforum-demo"): Promise<Response> {
    const response = await this.post("/logga-in", { email, password });
    if (response.status !== 302) throw new Error(`login as ${email} failed with ${response.status}`);
    return response;
  }
}
