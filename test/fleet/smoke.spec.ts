import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetWorld } from '../support/fleet.js';

describe('fleet smoke', () => {
  let world: FleetWorld;
  beforeAll(async () => {
    world = await FleetWorld.start();
    await world.startInstance();
    await world.prepare(5);
  });
  afterAll(() => world?.close());

  it('releases 5 apps', async () => {
    const fleet = world.instances[0]!.fleet;
    const { id } = await fleet.start({ templateId: world.templateId, userVersion: '2.0.0', userDesc: 'x', appIds: world.appIds });
    const campaign = await world.until(id, (c) => c.status === 'completed', 'completed');
    console.log(JSON.stringify(campaign, null, 1).slice(0, 3000));
    expect(campaign.counts.released).toBe(5);
  });
});
