import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/fault-figures.js';
import { postXml, signedEventPush, ticketXml } from '../support/push.js';
import { PATHS, RaceWorld } from '../support/race-world.js';

const now = () => Math.floor(Date.now() / 1000);

/**
 * Issue 9, defect 9: the verify ticket. Only a newer CreateTime replaces the stored ticket, atomically across
 * instances; a ticket created far in the future, or without CreateTime, is refused (it would pin itself or pass for
 * "now").
 */
describe('verify tickets pushed to two instances (issue 9, defect 9)', () => {
  let world: RaceWorld;
  beforeAll(async () => {
    // No ticket from the sandbox yet: the crafted ones below are the first this platform sees.
    world = await RaceWorld.start({ connect: false, sandbox: { pushTicketOnStart: false } });
  });
  afterAll(() => world.stop());

  const storedTicket = async (): Promise<{ ticket: string; createdAt: number } | undefined> => {
    const raw = await world.group.redis.get(`${world.group.keyPrefix}:${world.sandbox.componentAppId}:ticket`);
    return raw === null ? undefined : (JSON.parse(raw) as { ticket: string; createdAt: number });
  };
  const push = (url: string, xml: string) => {
    const signed = signedEventPush(world.sandbox, xml);
    return postXml(url, signed.query, signed.body);
  };

  it('keeps the newest of 200 concurrent pairs (older and newer, on different instances, in either order)', async () => {
    const PAIRS = 200;
    const base = now() - 2 * PAIRS - 100;
    let olderWon = 0;
    for (let i = 0; i < PAIRS; i++) {
      const older = ticketXml(world.sandbox.componentAppId, `ticket@@@pair-${i}-older`, base + 2 * i);
      const newer = ticketXml(world.sandbox.componentAppId, `ticket@@@pair-${i}-newer`, base + 2 * i + 1);
      // Alternate which instance gets which, and which request leaves first.
      const [first, second] = i % 2 === 0 ? [world.a, world.b] : [world.b, world.a];
      const answers = i % 4 < 2 ? await Promise.all([push(first.eventsUrl, older), push(second.eventsUrl, newer)]) : await Promise.all([push(first.eventsUrl, newer), push(second.eventsUrl, older)]);
      expect(answers).toEqual([
        { status: 200, text: 'success' },
        { status: 200, text: 'success' },
      ]);
      if ((await storedTicket())?.ticket !== `ticket@@@pair-${i}-newer`) olderWon++;
    }
    await recordFigure('tickets: concurrent pairs won by the older ticket', olderWon, `of ${PAIRS} pairs`);
    expect(olderWon).toBe(0);
  });

  it('refuses a ticket created far in the future (4xx) and is not pinned by it', async () => {
    const before = await storedTicket();
    const future = await push(world.a.eventsUrl, ticketXml(world.sandbox.componentAppId, 'ticket@@@from-the-future', now() + 86_400));
    expect(future.status).toBeGreaterThanOrEqual(400);
    expect(future.status).toBeLessThan(500);
    expect(await storedTicket()).toEqual(before);
    // The next ordinary push replaces the stored ticket as usual.
    expect(await push(world.b.eventsUrl, ticketXml(world.sandbox.componentAppId, 'ticket@@@ordinary', now() - 60))).toEqual({ status: 200, text: 'success' });
    expect((await storedTicket())?.ticket).toBe('ticket@@@ordinary');
  });

  it('refuses a ticket without CreateTime (4xx) and keeps the stored one', async () => {
    const before = await storedTicket();
    const xml =
      `<xml><AppId><![CDATA[${world.sandbox.componentAppId}]]></AppId>\n<InfoType><![CDATA[component_verify_ticket]]></InfoType>\n` +
      `<ComponentVerifyTicket><![CDATA[ticket@@@undated]]></ComponentVerifyTicket>\n</xml>`;
    const undated = await push(world.a.eventsUrl, xml);
    expect(undated.status).toBeGreaterThanOrEqual(400);
    expect(undated.status).toBeLessThan(500);
    expect(await storedTicket()).toEqual(before);
  });

  it("still takes WeChat's next ticket and gets a component token with it", async () => {
    const since = Date.now();
    world.sandbox.setPushTargets({ eventUrl: world.a.eventsUrl });
    const issued = await world.sandbox.client.pushTicket();
    expect(issued.push).toMatchObject({ ok: true });
    expect((await storedTicket())?.ticket).toBe(issued.ticket);
    await expect(world.component(world.b).refreshAccessToken()).resolves.toEqual(expect.any(String));
    const calls = await world.sandbox.client.calls({ path: PATHS.componentToken, since, limit: 100 });
    expect(calls.map((call) => call.errcode ?? 0)).toEqual([0]);
  });
});
