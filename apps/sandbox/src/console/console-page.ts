/**
 * The console at `/`: accounts with their status and token expiry, the current ticket, and a live log of calls
 * and pushes. Plain HTML and JavaScript polling the control API; no build step.
 */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>WeChat sandbox console</title><link rel="icon" href="data:,">
<style>
body{font:14px -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f6f6;color:#222}
header{background:#07c160;color:#fff;padding:12px 20px} header h1{margin:0;font-size:18px} header small{opacity:.85}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:16px}
section{background:#fff;border-radius:6px;padding:12px 16px;overflow:auto}
h2{font-size:15px;margin:4px 0 10px} table{border-collapse:collapse;width:100%} td,th{padding:4px 6px;border-bottom:1px solid #eee;text-align:left;font-size:13px}
code{font-size:12px} .ok{color:#07a050} .bad{color:#d33} .muted{color:#888} button{font-size:12px;margin-right:4px;cursor:pointer}
#log{font:12px ui-monospace,Menlo,monospace;max-height:75vh;overflow:auto} #log div{padding:2px 0;border-bottom:1px dotted #eee;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0} dt{color:#888}
</style></head>
<body>
<header><h1>WeChat Open Platform sandbox</h1><small id="component"></small></header>
<main>
<div>
<section><h2>Component</h2><dl id="summary"></dl>
<p><button id="push-ticket">Push ticket now</button><button id="release-test">Run release test</button> <span id="action-result" class="muted"></span></p></section>
<section><h2>Accounts <small class="muted" id="account-count"></small></h2>
<table><thead><tr><th>Account</th><th>Type</th><th>Status</th><th>Access token</th><th>Issued</th><th></th></tr></thead><tbody id="accounts"></tbody></table></section>
</div>
<section><h2>Live log <small class="muted">calls and pushes</small></h2><div id="log"></div></section>
</main>
<script>
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
const short = (s) => s ? esc(String(s).slice(0, 12)) + '…' : '';
const left = (ms) => { const s = Math.round((ms - Date.now()) / 1000); return s <= 0 ? '<span class="bad">expired</span>' : s + ' s left'; };
const time = (ms) => new Date(ms).toLocaleTimeString();
async function api(method, path, body) {
  const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || res.status);
  return data;
}
async function act(label, method, path, body) {
  $('action-result').textContent = label + '…';
  try { const r = await api(method, path, body); $('action-result').textContent = label + ': ' + (r.passed === undefined ? 'done' : r.passed ? 'passed' : 'failed'); }
  catch (e) { $('action-result').textContent = label + ': ' + e.message; }
  refresh();
}
$('push-ticket').onclick = () => act('ticket', 'POST', '/sandbox/ticket', {});
$('release-test').onclick = () => act('release test', 'POST', '/sandbox/release-test', {});
async function refresh() {
  const s = await api('GET', '/sandbox');
  $('component').textContent = 'component ' + s.componentAppId + ' · API ' + s.urls.api;
  $('summary').innerHTML =
    '<dt>Ticket</dt><dd>' + (s.ticket ? '<code>' + short(s.ticket.value) + '</code> ' + s.ticket.ageSeconds + ' s old' : '<span class="muted">none yet</span>') + '</dd>' +
    '<dt>Component token</dt><dd>' + (s.componentToken ? '<code>' + short(s.componentToken.token) + '</code> ' + left(s.componentToken.expiresAt) + ' (issued ' + s.componentToken.issued + '×)' : '<span class="muted">none yet</span>') + '</dd>' +
    '<dt>Event URL</dt><dd>' + esc(s.settings.eventUrl || '—') + '</dd><dt>Message URL</dt><dd>' + esc(s.settings.messageUrl || '—') + '</dd>' +
    '<dt>Ticket interval</dt><dd>' + (s.settings.ticketIntervalSeconds ? s.settings.ticketIntervalSeconds + ' s' : 'off') + '</dd><dt>Token TTLs</dt><dd>component ' + s.settings.componentTokenTtlSeconds + ' s, authorizer ' + s.settings.authorizerTokenTtlSeconds + ' s' + (s.settings.rotateRefreshTokens ? ', refresh tokens rotate' : '') + '</dd>' +
    '<dt>Faults</dt><dd>' + s.faults + '</dd>';
  const page = await api('GET', '/sandbox/accounts?limit=200');
  $('account-count').textContent = s.accounts.authorized + ' authorized of ' + s.accounts.total + (page.total > page.items.length ? ' (first ' + page.items.length + ' shown)' : '');
  $('accounts').innerHTML = page.items.map((a) =>
    '<tr><td>' + esc(a.nickName) + '<br><code>' + esc(a.appId) + '</code></td><td>' + (a.type === 'official_account' ? '公众号' : '小程序') + '</td>' +
    '<td class="' + (a.status === 'authorized' ? 'ok' : 'muted') + '">' + a.status + '</td>' +
    '<td>' + (a.accessToken ? '<code>' + short(a.accessToken.token) + '</code> ' + left(a.accessToken.expiresAt) : '') + '</td>' +
    '<td>' + (a.accessToken ? a.accessToken.issued : 0) + '</td><td>' +
    (a.status === 'authorized'
      ? '<button data-act="revoke" data-app="' + a.appId + '">revoke</button>' + (a.accessToken ? '<button data-act="token/expire" data-app="' + a.appId + '">expire token</button>' : '')
      : '<button data-act="authorize" data-app="' + a.appId + '">authorize</button>') + '</td></tr>').join('');
}
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-act]');
  if (b) act(b.dataset.act, 'POST', '/sandbox/accounts/' + b.dataset.app + '/' + b.dataset.act, {});
});
let after = 0;
async function poll() {
  try {
    const { last, entries } = await api('GET', '/sandbox/log?after=' + after);
    after = last;
    for (const e of entries) {
      const div = document.createElement('div');
      if (e.entry === 'call') {
        div.innerHTML = time(e.at) + ' <b>' + e.method + '</b> ' + esc(e.path) + (e.appId ? ' <code>' + esc(e.appId) + '</code>' : '') +
          ' → ' + e.status + (e.errcode !== undefined ? ' <span class="' + (e.errcode === 0 ? 'ok' : 'bad') + '">errcode ' + e.errcode + '</span>' : '') +
          ' <span class="muted">' + e.durationMs + ' ms' + (e.faultId ? ' fault #' + e.faultId : '') + '</span>';
      } else {
        div.innerHTML = time(e.at) + ' <b>PUSH</b> ' + e.kind + ' ' + esc(e.type) + (e.appId ? ' <code>' + esc(e.appId) + '</code>' : '') +
          ' → <span class="' + (e.ok ? 'ok' : 'bad') + '">' + (e.ok ? 'ok' : esc(e.error || 'failed')) + '</span> <span class="muted">' + e.attempts.length + ' attempt(s)</span>';
      }
      $('log').prepend(div);
    }
  } catch { /* the sandbox may be restarting */ }
}
refresh(); poll();
setInterval(refresh, 2000); setInterval(poll, 1000);
</script>
</body></html>`;
