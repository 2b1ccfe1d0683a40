import { Controller, HttpCode, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ComponentService } from 'nest-wechat';
import { BENCH_COMPONENT } from '../credentials.js';
import type { BenchServer } from './http-server.js';
import { listenNest } from './nest-app.js';

const service = new ComponentService({
  componentAppId: BENCH_COMPONENT.componentAppId,
  componentSecret: BENCH_COMPONENT.componentAppSecret,
  componentToken: BENCH_COMPONENT.token,
  componentEncodingAESKey: BENCH_COMPONENT.encodingAESKey,
});

/** nest-wechat's ticket push handler, mounted as its README suggests: a Nest controller handing it `req` and `res`. */
@Controller('wechat/component')
class NestWeChatPushController {
  @Post('events')
  @HttpCode(200) // Nest answers POST with 201 otherwise, which WeChat does not take for a delivered push
  async events(@Req() request: Request, @Res() response: Response): Promise<void> {
    await service.pushTicket(request, response);
  }
}

/** A Nest app (Express adapter, default settings) with nest-wechat's push handler on the event URL. */
export async function startNestWeChatServer(): Promise<BenchServer> {
  @Module({ controllers: [NestWeChatPushController] })
  class NestWeChatBenchModule {}
  const app = await NestFactory.create(NestWeChatBenchModule, { logger: ['error'], abortOnError: false });
  return listenNest(app);
}
