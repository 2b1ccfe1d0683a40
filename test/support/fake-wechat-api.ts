import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake API received. */
export interface FakeApiCall {
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/**
 * Just enough of api.weixin.qq.com for the release test's QUERY_AUTH_CODE case: the component token, api_query_auth
 * (which grants `authorizerAppId` an access token) and message/custom/send. Records every call.
 */
export async function startFakeWeChatApi(authorizerAppId: string) {
  const calls: FakeApiCall[] = [];
  const answers: Record<string, (call: FakeApiCall) => unknown> = {
    '/cgi-bin/component/api_component_token': () => ({ component_access_token: 'component-token-1', expires_in: 7200 }),
    '/cgi-bin/component/api_query_auth': (call) => ({
      authorization_info: {
        authorizer_appid: authorizerAppId,
        authorizer_access_token: `authorizer-token-for-${String(call.body.authorization_code).length}`,
        expires_in: 7200,
        authorizer_refresh_token: 'refreshtoken@@@fake',
        func_info: [{ funcscope_category: { id: 1 } }],
      },
    }),
    '/cgi-bin/message/custom/send': () => ({ errcode: 0, errmsg: 'ok' }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      const call: FakeApiCall = { path: url.pathname, query: Object.fromEntries(url.searchParams), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      calls.push(call);
      const answer = answers[url.pathname];
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer ? answer(call) : { errcode: 40013, errmsg: 'invalid appid' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    /** Waits until a call to `path` arrives (or `timeoutMs`). */
    async waitFor(path: string, timeoutMs = 3000): Promise<FakeApiCall | undefined> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = calls.find((call) => call.path === path);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return undefined;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
