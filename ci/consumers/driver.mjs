#!/usr/bin/env node
// The one driver of every consumer app. run.sh copies it into each generated app and runs it there, so the sandbox
// it loads is the one installed from the packed nestjs-wechat-component-sandbox tarball, the way a user's test would.
//
// For each platform the app runs (row.json `platforms`): start a sandbox (by `import`, `require` or its `bin`, as
// row.json `sandbox` says), start the app (`node <row.main>`), point the sandbox's pushes at it, then
//   ticket push (answered `success`) → authorization URL from the app → the authorization page → `authorized` seen by
//   the app's @OnComponentEvent handler → menu.get() through the app for that account,
// and, where the row says so, check Redis holds the module's keys and run the row's own check (`GET /flow/extra`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';

const row = JSON.parse(readFileSync('row.json', 'utf8'));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY_PREFIX = `consumer-${row.name}-${randomBytes(4).toString('hex')}`;
const started = Date.now();
const cleanups = [];

function log(message) {
  console.log(`[${row.name} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

function check(condition, message, detail) {
  if (!condition) throw new Error(`${message}${detail === undefined ? '' : `: ${JSON.stringify(detail).slice(0, 600)}`}`);
}

async function poll(what, read, done, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(value).slice(0, 600)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a child process and resolves with the first stdout line matching `pattern` (its output is kept for errors). */
function startProcess(command, args, env, pattern, label) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const seen = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) before it was ready:\n${output}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  cleanups.push(stop);
  return { seen, output: () => output, stop };
}

/** The sandbox package, loaded the way this row's app would load it. */
async function sandboxPackage() {
  if (row.sandbox === 'require') return createRequire(import.meta.url)('nestjs-wechat-component-sandbox');
  return import('nestjs-wechat-component-sandbox');
}

/** One sandbox per platform, each with its own component appid; all with the package's default credentials. */
async function startSandboxes() {
  const pkg = await sandboxPackage();
  const sandboxes = [];
  for (const name of row.platforms) {
    const componentAppId = `wx${randomBytes(8).toString('hex')}`;
    if (row.sandbox === 'bin') {
      const bin = startProcess(
        'node_modules/.bin/nestjs-wechat-component-sandbox',
        [],
        { SANDBOX_PORT: '0', SANDBOX_TICKET_INTERVAL_SECONDS: '0', SANDBOX_COMPONENT_APPID: componentAppId },
        /control API\s+→ (http:\/\/\S+)\/sandbox/,
        `sandbox bin (${name})`,
      );
      const [, url] = await bin.seen;
      const client = new pkg.SandboxClient(url);
      sandboxes.push({
        name,
        credentials: { ...pkg.SANDBOX_DEFAULTS, componentAppId, apiBaseUrl: url, mpBaseUrl: url, openBaseUrl: url },
        client,
        setPushTargets: (targets) => client.updateSettings(targets),
      });
    } else {
      const sandbox = await pkg.startSandbox({ componentAppId, ticketIntervalSeconds: 0, pushTicketOnStart: false, seedAccounts: false });
      cleanups.push(() => sandbox.stop());
      const { componentAppSecret, token, encodingAESKey, apiBaseUrl, mpBaseUrl, openBaseUrl } = sandbox;
      sandboxes.push({
        name,
        credentials: { componentAppId, componentAppSecret, token, encodingAESKey, apiBaseUrl, mpBaseUrl, openBaseUrl },
        client: sandbox.client,
        setPushTargets: async (targets) => sandbox.setPushTargets(targets),
      });
    }
  }
  return sandboxes;
}

async function getJson(url) {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 600)}`);
  return JSON.parse(text);
}

/** Plays the administrator on the sandbox's authorization page: picks `appId`, presses 授权, returns the redirect. */
async function authorizeOnPage(authorizationUrl, appId) {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  check(page.status === 200, `the authorization page answered ${page.status}`, html.slice(0, 300));
  const decode = (text) => text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name, decode(value));
  for (const [, name, value] of html.matchAll(/<input type="checkbox" name="([^"]+)" value="([^"]*)" checked>/g)) form.append(name, decode(value));
  form.set('appid', appId);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? new URL(authorizationUrl).pathname;
  const submitted = await fetch(new URL(decode(action), authorizationUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  const location = submitted.headers.get('location');
  check(submitted.status === 302 && location, `authorizing ${appId} failed (${submitted.status})`, await submitted.text());
  return new URL(location);
}

/** A minimal Redis client (RESP over TCP): enough for KEYS and DEL, without a dependency. */
function redisCommand(...args) {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port || 6379), hostname || '127.0.0.1');
    let buffer = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('Redis did not answer in 5 s')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parseReply(buffer, 0);
      if (parsed) {
        socket.end();
        if (parsed.value instanceof Error) reject(parsed.value);
        else resolve(parsed.value);
      }
    });
    socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`);
  });
}

function parseReply(buffer, offset) {
  const end = buffer.indexOf('\r\n', offset);
  if (end < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]);
  const line = buffer.toString('utf8', offset + 1, end);
  if (type === '+') return { value: line, next: end + 2 };
  if (type === '-') return { value: new Error(line), next: end + 2 };
  if (type === ':') return { value: Number(line), next: end + 2 };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: null, next: end + 2 };
    if (buffer.length < end + 2 + length + 2) return undefined;
    return { value: buffer.toString('utf8', end + 2, end + 2 + length), next: end + 2 + length + 2 };
  }
  if (type === '*') {
    const items = [];
    let next = end + 2;
    for (let i = 0; i < Number(line); i++) {
      const item = parseReply(buffer, next);
      if (!item) return undefined;
      items.push(item.value);
      next = item.next;
    }
    return { value: items, next };
  }
  throw new Error(`unexpected Redis reply: ${line}`);
}

async function deleteKeys(pattern) {
  const keys = await redisCommand('KEYS', pattern);
  if (keys.length > 0) await redisCommand('DEL', ...keys);
}

async function main() {
  log(`${row.title}; sandbox by ${row.sandbox}`);
  const sandboxes = await startSandboxes();
  if (row.redis) cleanups.push(() => deleteKeys(`${KEY_PREFIX}*`));

  const app = startProcess(
    'node',
    [row.main],
    { FLOW_PLATFORMS: JSON.stringify(sandboxes.map((s) => ({ name: s.name, ...s.credentials }))), REDIS_URL, KEY_PREFIX },
    /CONSUMER_LISTENING (http:\/\/\S+)/,
    'the app',
  );
  const [, appUrl] = await app.seen;
  log(`app listening at ${appUrl}`);
  try {
    const routes = await getJson(`${appUrl}/flow/platforms`);
    for (const sandbox of sandboxes) {
      const { name, client, credentials } = sandbox;
      const route = routes.find((candidate) => candidate.name === name);
      check(route, `the app has no routes for platform ${name}`, routes);
      await sandbox.setPushTargets({ eventUrl: `${appUrl}${route.eventsPath}`, messageUrl: `${appUrl}${route.messagesPath}` });
      const { appId } = await client.createAccount({ type: 'official_account', nickName: `${row.name} ${name}`, menu: true });

      const ticket = await client.pushTicket();
      check(ticket.push?.ok, `[${name}] the ticket push was not answered "success"`, ticket.push);
      await poll(`[${name}] the ticket in the app`, () => getJson(`${appUrl}/flow/${name}/health`), (health) => health.ticket === true);
      log(`[${name}] ticket pushed and stored`);

      const { url } = await getJson(`${appUrl}/flow/${name}/authorization-url?redirect=${encodeURIComponent(`${appUrl}/flow/callback`)}`);
      check(url.startsWith(`${credentials.mpBaseUrl}/cgi-bin/componentloginpage?component_appid=${credentials.componentAppId}&`), `[${name}] unexpected authorization URL`, url);
      const redirect = await authorizeOnPage(url, appId);
      check(redirect.pathname === '/flow/callback' && redirect.searchParams.get('auth_code'), `[${name}] unexpected redirect`, redirect.href);
      log(`[${name}] ${appId} authorized on the page`);

      const events = await poll(
        `[${name}] the authorized event in the app's @OnComponentEvent handler`,
        () => getJson(`${appUrl}/flow/${name}/events`),
        (seen) => seen.some((event) => event.infoType === 'authorized' && event.authorizerAppId === appId),
      );
      const event = events.find((candidate) => candidate.authorizerAppId === appId);
      check(event.componentAppId === credentials.componentAppId, `[${name}] the event came from another platform`, event);

      const menu = await getJson(`${appUrl}/flow/${name}/menu/${appId}`);
      check(menu.menu?.button?.length > 0, `[${name}] menu.get() returned no menu`, menu);
      const calls = await client.calls({ path: '/cgi-bin/menu/get', appId });
      check(calls.length === 1 && (calls[0].errcode ?? 0) === 0, `[${name}] the sandbox did not see exactly one successful menu/get`, calls);
      log(`[${name}] menu.get() for ${appId}: ${menu.menu.button.length} buttons`);
    }

    if (row.redis) {
      const keys = await redisCommand('KEYS', `${KEY_PREFIX}*`);
      for (const { name, credentials } of sandboxes) {
        check(keys.some((key) => key.includes(credentials.componentAppId)), `[${name}] no key of ${credentials.componentAppId} in Redis under ${KEY_PREFIX}`, keys);
      }
      log(`Redis holds ${keys.length} keys under ${KEY_PREFIX}, namespaced per platform`);
    }
    if (row.extra) {
      const extra = await getJson(`${appUrl}/flow/extra`);
      check(extra.ok === true, 'the row check (GET /flow/extra) failed', extra);
      if (extra.redisKey) {
        const found = await redisCommand('KEYS', `*${extra.redisKey}*`);
        check(found.length > 0, `the row's own key ${extra.redisKey} is not in Redis`);
        await redisCommand('DEL', ...found);
      }
      log(`row check: ${extra.detail}`);
    }
  } catch (error) {
    console.error(`--- the app's output ---\n${app.output()}\n---`);
    throw error;
  }
}

let failed = false;
try {
  await main();
  log('PASS');
} catch (error) {
  failed = true;
  console.error(`[${row.name}] FAIL: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`cleanup: ${error.message}`));
}
process.exit(failed ? 1 : 0);
