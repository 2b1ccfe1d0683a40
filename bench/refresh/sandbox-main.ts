// The sandbox (simulated WeChat) of the refresh benchmark, in its own process; the runner uses its control API.
import 'reflect-metadata';
import { serveSandbox } from '../lib/entry-points.js';

await serveSandbox({ ticketIntervalSeconds: 0, seedAccounts: false }, async () => {
  const cpu = process.cpuUsage();
  return { rssBytes: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 };
});
