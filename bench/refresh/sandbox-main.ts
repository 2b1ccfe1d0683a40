// The sandbox (simulated WeChat) of the refresh benchmark, in its own process; the runner uses its control API.
import 'reflect-metadata';
import { startSandbox } from '../../apps/sandbox/src/index.js';
import { serveParent } from '../lib/child.js';

const sandbox = await startSandbox({ ticketIntervalSeconds: 0, seedAccounts: false });
serveParent(
  {
    url: sandbox.url,
    componentAppId: sandbox.componentAppId,
    componentAppSecret: sandbox.componentAppSecret,
    token: sandbox.token,
    encodingAESKey: sandbox.encodingAESKey,
  },
  async () => {
    const cpu = process.cpuUsage();
    return { rssBytes: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 };
  },
  () => sandbox.stop(),
);
