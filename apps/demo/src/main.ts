import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { readDemoConfig } from './demo.config.js';
import { startDemo } from './start-demo.js';

const logger = new Logger('Demo');
const demo = await startDemo(readDemoConfig());
const lines = [`Demo platform: ${demo.url}/`, `Authorize an account: ${demo.url}/authorize`];
if (demo.sandbox) {
  lines.push(
    `Running on the sandbox (no WECHAT_COMPONENT_APPID set); its console: ${demo.sandbox.url}/`,
    `  simulated component ${demo.sandbox.componentAppId}; API ${demo.sandbox.apiBaseUrl}; pages ${demo.sandbox.mpBaseUrl}`,
  );
}
for (const line of lines) logger.log(line);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void demo.close().finally(() => process.exit(0)));
}
