// The sandbox of the fleet benchmark, in its own process: reviewers approve every audit at once and push it.
import 'reflect-metadata';
import { startSandbox } from '../../apps/sandbox/src/index.js';
import { serveParent } from '../lib/child.js';

const sandbox = await startSandbox({ ticketIntervalSeconds: 0, seedAccounts: false, auditSeconds: 0.001 });
serveParent(
  {
    url: sandbox.url,
    componentAppId: sandbox.componentAppId,
    componentAppSecret: sandbox.componentAppSecret,
    token: sandbox.token,
    encodingAESKey: sandbox.encodingAESKey,
  },
  async () => ({}),
  () => sandbox.stop(),
);
