import { Controller, Get, Header } from '@nestjs/common';

/** A landing page with the links a person needs to try the flow. */
@Controller()
export class HomeController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nestjs-wechat-component demo</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto">
<h1>nestjs-wechat-component demo platform</h1>
<ol>
<li><a id="authorize" href="/authorize">Authorize an account</a> (opens WeChat's authorization page)</li>
<li><a href="/authorizers">Authorized accounts</a> — then <code>/authorizers/&lt;appId&gt;/menu</code></li>
<li><a href="/health">Health</a></li>
</ol></body></html>`;
  }
}
