import { Controller, Get, Header } from '@nestjs/common';

/** Bar colours per app state, in the order apps go through them. */
const STATES: ReadonlyArray<readonly [state: string, color: string, label: string]> = [
  ['queued', '#cbd5e1', 'queued'],
  ['committing', '#a5b4fc', 'committing'],
  ['preflight', '#818cf8', 'pre-flight'],
  ['waiting', '#fcd34d', 'waiting (quota / slot)'],
  ['submitting', '#fdba74', 'submitting'],
  ['auditing', '#fb923c', 'in review'],
  ['releasing', '#5eead4', 'releasing'],
  ['released', '#16a34a', 'released'],
  ['failed', '#dc2626', 'failed'],
  ['withdrawn', '#9ca3af', 'withdrawn'],
  ['rolled-back', '#7c3aed', 'rolled back'],
  ['cancelled', '#4b5563', 'cancelled'],
];

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Releases — nestjs-wechat-component demo</title>
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 60rem; margin: 2rem auto; color: #111827; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  .muted { color: #6b7280; font-size: .9rem; }
  .campaign { border: 1px solid #e5e7eb; border-radius: .5rem; padding: 1rem 1.25rem; margin: 1rem 0; }
  .campaign h2 { font-size: 1.1rem; margin: 0 0 .5rem; display: flex; gap: .75rem; align-items: baseline; }
  .status { font-size: .8rem; padding: .1rem .5rem; border-radius: 1rem; background: #e5e7eb; }
  .status.running { background: #dbeafe; } .status.paused { background: #fef3c7; } .status.completed { background: #dcfce7; } .status.cancelled { background: #f3f4f6; }
  .bar { display: flex; height: 1.25rem; border-radius: .25rem; overflow: hidden; background: #f3f4f6; margin: .5rem 0; }
  .bar span { display: block; height: 100%; transition: width .4s; }
  .legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; margin: .25rem 0 .5rem; }
  .legend i { display: inline-block; width: .7rem; height: .7rem; border-radius: .15rem; margin-right: .3rem; vertical-align: -.05rem; }
  .waits { font-size: .85rem; color: #92400e; margin: .25rem 0; padding-left: 1.2rem; }
  table { border-collapse: collapse; font-size: .85rem; width: 100%; margin-top: .5rem; }
  th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
  th { color: #6b7280; font-weight: 500; }
  button { font: inherit; padding: .25rem .8rem; margin-right: .4rem; border: 1px solid #d1d5db; border-radius: .3rem; background: #fff; cursor: pointer; }
  button:disabled { opacity: .4; cursor: default; }
</style></head>
<body>
<h1>Releases to every mini program</h1>
<p class="muted">Each campaign commits a code template to its mini programs, submits their audits within the audit quota,
follows the reviews and releases. Updated every second. <span id="updated"></span></p>
<div id="campaigns"><p class="muted">Loading…</p></div>
<script>
const STATES = ${JSON.stringify(STATES)};
const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function act(id, action) {
  const answer = await fetch('/fleet/releases/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
  if (!answer.ok) alert((await answer.json()).error ?? answer.statusText);
  await refresh();
}

function render(c) {
  const segments = STATES.filter(([s]) => c.counts[s] > 0)
    .map(([s, color, label]) => '<span data-state="' + s + '" title="' + esc(label) + ': ' + c.counts[s] + '" style="width:' + (100 * c.counts[s] / c.total) + '%;background:' + color + '"></span>').join('');
  const legend = STATES.filter(([s]) => c.counts[s] > 0 || ['released', 'failed', 'auditing', 'waiting'].includes(s))
    .map(([s, color, label]) => '<span><i style="background:' + color + '"></i>' + esc(label) + ' <b class="count" data-state="' + s + '">' + c.counts[s] + '</b></span>').join('');
  const failures = c.apps.filter((a) => a.error);
  const table = failures.length === 0 ? '' : '<table class="failures"><thead><tr><th>mini program</th><th>state</th><th>errcode</th><th>reason</th></tr></thead><tbody>' +
    failures.map((a) => '<tr data-app="' + esc(a.appId) + '"><td><code>' + esc(a.appId) + '</code></td><td>' + esc(a.state) + '</td><td>' + esc(a.error.errcode ?? '') + '</td><td class="reason">' + esc(a.error.reason.replace(/<br>/g, ' ')) + '</td></tr>').join('') + '</tbody></table>';
  const waits = c.waitingFor.length === 0 ? '' : '<ul class="waits">' + c.waitingFor.map((w) => '<li>' + esc(w) + '</li>').join('') + '</ul>';
  const live = c.status === 'running' || c.status === 'paused';
  const button = (action, enabled) => '<button data-action="' + action + '" onclick="act(\\'' + c.id + '\\', \\'' + action + '\\')"' + (enabled ? '' : ' disabled') + '>' + action + '</button>';
  return '<section class="campaign" data-id="' + esc(c.id) + '" data-status="' + c.status + '">' +
    '<h2>Version ' + esc(c.userVersion) + ' <span class="muted">template ' + c.templateId + ' · ' + c.total + ' mini programs · ' + esc(c.id) + '</span>' +
    ' <span class="status ' + c.status + '">' + c.status + '</span></h2>' +
    '<div class="bar">' + segments + '</div><div class="legend">' + legend + '</div>' + waits +
    '<div>' + button('pause', c.status === 'running') + button('resume', c.status === 'paused') + button('cancel', live) + button('retry', c.status !== 'cancelled' && (c.counts.failed + c.counts.withdrawn + c.counts.cancelled) > 0) + '</div>' +
    table + '</section>';
}

async function refresh() {
  try {
    const list = await (await fetch('/fleet/releases')).json();
    const campaigns = await Promise.all(list.map(async (c) => (await fetch('/fleet/releases/' + encodeURIComponent(c.id))).json()));
    document.getElementById('campaigns').innerHTML = campaigns.length === 0 ? '<p class="muted">No release yet: POST /fleet/releases.</p>' : campaigns.map(render).join('');
    document.getElementById('updated').textContent = 'Last update ' + new Date().toLocaleTimeString() + '.';
  } catch (error) {
    document.getElementById('updated').textContent = 'Update failed: ' + error;
  }
}
refresh();
setInterval(refresh, 1000);
</script>
</body></html>`;

/** `GET /fleet`: the release campaigns with live progress per state, the failures with their reasons, and buttons. */
@Controller('fleet')
export class FleetPageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }
}
