import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from 'nestjs-wechat-component/fleet';
import { FleetWorld } from '../support/fleet.js';
import { sandboxConnection } from '../support/platform.js';
import { waitFor } from '../support/wait-for.js';
import type { ChildInstanceConfig } from './instance-main.js';

// Issue 13, "Done when": two instances share a campaign; one is SIGKILLed mid-campaign and the other finishes it with
// no duplicate submission.
const APPS = 60;

describe('two instances share a campaign; one dies (SIGKILL) in the middle of it', () => {
  let world: FleetWorld;
  let child: ChildProcess;
  const childEvents: FleetEvent[] = [];

  /** Starts the second instance in a child process and waits until its fleet worker runs. */
  function startChild(config: ChildInstanceConfig): Promise<void> {
    child = fork(fileURLToPath(new URL('./instance-child.mjs', import.meta.url)), [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the child instance exited early (${code})`)));
      child.on('message', (message: { type: string; event?: FleetEvent }) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'event') childEvents.push(message.event!);
      });
    });
  }

  beforeAll(async () => {
    world = await FleetWorld.start();
    await world.startInstance();
    const childStarted = startChild({
      wechat: { ...sandboxConnection(world.sandbox), keyPrefix: `${world.prefix}:wechat` },
      fleet: world.fleetOptions({ concurrency: 10 }),
    });
    await world.prepare(APPS);
    await childStarted;
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await world?.close();
  });

  it('the survivor finishes the campaign: every app released, one commit and one accepted submission each', async () => {
    // Slow WeChat down a little, so the dying instance has calls in flight (WeChat still acts on what it received).
    for (const path of ['/wxa/commit', '/wxa/submit_audit', '/wxa/release']) await world.sandbox.client.injectFault({ path, latencyMs: 300 });
    const { id } = await world.instances[0]!.fleet.start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'two instances', appIds: world.appIds });

    await waitFor(async () => (childEvents.filter((e) => e.type === 'app.submitted').length >= 5 ? true : undefined), 'the child to submit audits', 20_000);
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const touchedByChild = new Set(childEvents.map((e) => (e as { appId?: string }).appId).filter(Boolean));

    const done = await world.until(id, (c) => c.status === 'completed', 'the survivor to complete the campaign', 45_000);
    expect(done.counts).toMatchObject({ released: APPS, failed: 0 });

    const atWeChat = await world.sandbox.client.miniPrograms();
    expect(atWeChat).toHaveLength(APPS);
    expect(atWeChat.filter((mp) => mp.commits !== 1 || mp.audits !== 1 || mp.releasedVersion !== '2.0.0')).toEqual([]);

    // The child did part of the work and died with calls in flight; the survivor took its apps over.
    expect(touchedByChild.size).toBeGreaterThan(0);
    // Usually it dies with calls in flight (WeChat then acts on requests whose answers nobody reads); on a loaded
    // machine the kill can fall between two calls, which the assertions above cover as well.
    const interrupted = (await world.sandbox.client.calls({ since: killedAt - 1000, limit: 1000 })).filter((call) => call.interrupted && call.path.startsWith('/wxa/'));
    console.info(`fleet kill test: ${interrupted.length} WeChat calls were in flight when the instance was killed`);
    const survivor = world.instances[0]!.events.events;
    const finishedBySurvivor = [...touchedByChild].filter((appId) => survivor.some((e) => e.type === 'app.released' && (e as { appId: string }).appId === appId));
    expect(finishedBySurvivor.length).toBeGreaterThan(0);
    await world.sandbox.client.clearFaults();
  });
});
