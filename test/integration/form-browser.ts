/**
 * A cookie-keeping HTTP client that follows redirects and submits the hosted login page's forms
 * the way a browser does (no script needed: the pages have none). The real-browser test
 * (test/browser) drives Chromium through the same pages; this one runs everywhere in milliseconds.
 */
export interface Page {
  url: string;
  status: number;
  html: string;
  headers: Headers;
}

export class FormBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly stopAt: string) {}

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * Requests `url` and follows redirects until a page answers, or until a redirect leaves for
   * `stopAt` (the app's callback): then that URL is the page's `url`, with status 0.
   */
  async open(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    let next = url;
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; hops < 20; hops++) {
      if (next.startsWith(this.stopAt)) return { url: next, status: 0, html: '', headers: new Headers() };
      const headers: Record<string, string> = { cookie: this.cookieHeader(), 'accept-language': 'en-US' };
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await fetch(next, { method, headers, body, redirect: 'manual' });
      this.remember(response.headers);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        next = new URL(location, next).href;
        method = 'GET';
        body = undefined;
        await response.arrayBuffer();
        continue;
      }
      return { url: next, status: response.status, html: await response.text(), headers: response.headers };
    }
    throw new Error('too many redirects');
  }

  /** Submits the form `id` of `page` with `fields` (its hidden inputs, the CSRF token among them, are kept). */
  submit(page: Page, id: string, fields: Record<string, string> = {}): Promise<Page> {
    const form = new RegExp(`<form method="post" action="([^"]+)" id="${id}">([\\s\\S]*?)</form>`).exec(page.html);
    if (!form) throw new Error(`no form ${id} on ${page.url}:\n${page.html}`);
    const hidden: Record<string, string> = {};
    for (const m of (form[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[m[1]!] = decodeEntities(m[2]!);
    const action = new URL(decodeEntities(form[1]!), page.url).href;
    return this.open(action, { method: 'POST', form: { ...hidden, ...fields } });
  }
}

function decodeEntities(value: string): string {
  return value.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/** The visible error of a hosted page, if any. */
export function pageError(page: Page): string | null {
  const m = /<p class="error" role="alert" id="error">([^<]*)<\/p>/.exec(page.html);
  return m ? decodeEntities(m[1]!) : null;
}
