import { Module } from '@nestjs/common';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { FlowController } from './shared/flow.controller.js';
import { onlyPlatform, sandboxConnection } from './shared/platforms.js';

// A Nest 12 CommonJS app on Fastify with no store configured (one process, memory) and no cache-manager installed:
// the webhooks must read WeChat's XML on Fastify with no setup in the app.
@Module({
  imports: [WeChatComponentModule.forRoot({ ...sandboxConnection(onlyPlatform()) })],
  controllers: [FlowController],
  providers: [EventRecorder],
})
export class AppModule {}
