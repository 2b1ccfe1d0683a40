// Copied into every generated consumer app as src/shared/. What the driver (../driver.mjs) hands the app: one entry
// per WeChat platform the app runs, each pointing at its own sandbox.
import type { INestApplication } from '@nestjs/common';

/** A platform's credentials and WeChat base URLs, from the sandbox the driver started for it. */
export interface FlowPlatform {
  name: string;
  componentAppId: string;
  componentAppSecret: string;
  token: string;
  encodingAESKey: string;
  apiBaseUrl: string;
  mpBaseUrl: string;
  openBaseUrl: string;
}

/** Every platform the driver set up (`FLOW_PLATFORMS`, JSON). */
export function flowPlatforms(): FlowPlatform[] {
  return JSON.parse(process.env.FLOW_PLATFORMS ?? '[]') as FlowPlatform[];
}

/** The one platform of a single-platform app. */
export function onlyPlatform(): FlowPlatform {
  const [platform, ...more] = flowPlatforms();
  if (!platform || more.length > 0) throw new Error('FLOW_PLATFORMS must list exactly one platform');
  return platform;
}

/** The module options that connect a platform to its sandbox. */
export function sandboxConnection(platform: FlowPlatform) {
  const { componentAppId, componentAppSecret, token, encodingAESKey, apiBaseUrl, mpBaseUrl, openBaseUrl } = platform;
  return { componentAppId, componentAppSecret, token, encodingAESKey, apiBaseUrl, mpBaseUrl, openBaseUrl };
}

/** Listens on a free port and tells the driver where (it waits for this line). */
export async function listen(app: INestApplication): Promise<void> {
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  console.log(`CONSUMER_LISTENING ${(await app.getUrl()).replace('[::1]', '127.0.0.1')}`);
}
