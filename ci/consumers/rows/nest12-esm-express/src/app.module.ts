import { Module } from '@nestjs/common';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { FlowController } from './shared/flow.controller.js';
import { onlyPlatform, sandboxConnection } from './shared/platforms.js';

// A Nest 12 ES module app (top-level await in main.ts) with no store configured (one process, memory) and no
// cache-manager installed.
@Module({
  imports: [WeChatComponentModule.forRoot({ ...sandboxConnection(onlyPlatform()) })],
  controllers: [FlowController],
  providers: [EventRecorder],
})
export class AppModule {}
