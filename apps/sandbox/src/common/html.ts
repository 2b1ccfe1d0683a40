/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A tagged template that escapes interpolated values unless they are {@link SafeHtml}. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = string | number | SafeHtml | readonly SafeHtml[] | undefined;

/** `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays of them are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    if (value instanceof SafeHtml) out += value.value;
    else if (Array.isArray(value)) out += value.map((v: SafeHtml) => v.value).join('');
    else if (value !== undefined) out += escapeHtml(String(value));
    out += strings[i + 1]!;
  });
  return new SafeHtml(out);
}

const STYLE = `
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;margin:0;color:#191919}
main{max-width:560px;margin:24px auto;background:#fff;border-radius:8px;padding:24px}
h1{font-size:20px;margin:0 0 8px} p.muted{color:#888;font-size:13px}
label.account{display:flex;gap:10px;align-items:center;border:1px solid #e5e5e5;border-radius:6px;padding:10px;margin:8px 0;cursor:pointer}
label.account small{color:#888} .tag{font-size:12px;background:#f2f2f2;border-radius:3px;padding:1px 5px;margin-left:6px}
fieldset{border:1px solid #e5e5e5;border-radius:6px;margin:12px 0} legend{font-size:13px;color:#888}
button{background:#07c160;color:#fff;border:0;border-radius:4px;padding:10px 24px;font-size:16px;cursor:pointer}
button.secondary{background:#f2f2f2;color:#07c160} .error{color:#fa5151} code{font-size:12px}
`;

/** A simple WeChat-looking page. */
export function page(title: string, body: SafeHtml, mobile = false): string {
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
${mobile ? new SafeHtml('<meta name="viewport" content="width=device-width,initial-scale=1">') : undefined}
<style>${new SafeHtml(STYLE)}</style></head>
<body><main>${body}</main></body></html>`.value;
}

/** An error page shaped like WeChat's ("Oops! Something went wrong:(" with a code). */
export function errorPage(code: number | string, message: string): string {
  return page(
    '出错了',
    html`<h1>Oops! Something went wrong:(</h1><p class="error" id="error" data-code="${code}">${code} ${message}</p>`,
  );
}
