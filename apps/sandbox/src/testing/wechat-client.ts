/** A WeChat API answer: either data or `{errcode, errmsg}`. */
export type WeChatAnswer = Record<string, unknown> & { errcode?: number; errmsg?: string };

/** Minimal HTTP helpers for calling the sandbox the way a platform calls WeChat. */
export class WeChatHttp {
  constructor(readonly baseUrl: string) {}

  async post(path: string, body: unknown, query: Record<string, string> = {}): Promise<WeChatAnswer> {
    const response = await fetch(this.url(path, query), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return (await response.json()) as WeChatAnswer;
  }

  async get(path: string, query: Record<string, string> = {}): Promise<WeChatAnswer> {
    const response = await fetch(this.url(path, query));
    return (await response.json()) as WeChatAnswer;
  }

  url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }
}
