import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WeChatComponentModule } from 'nestjs-wechat-component';
import { EventRecorder } from './shared/event-recorder.js';
import { FlowController } from './shared/flow.controller.js';
import { onlyPlatform, sandboxConnection } from './shared/platforms.js';

// A Nest 11 app that already runs queues of its own on @nestjs/bullmq 11 and bullmq 5: installing the module must
// not ask it to upgrade them (the module's fleet entry, which uses BullMQ, is not imported here).
@Module({
  imports: [
    BullModule.forRoot({ connection: { url: process.env.REDIS_URL } }),
    BullModule.registerQueue({ name: 'emails' }),
    WeChatComponentModule.forRoot({ ...sandboxConnection(onlyPlatform()) }),
  ],
  controllers: [FlowController],
  providers: [EventRecorder],
})
export class AppModule {}
