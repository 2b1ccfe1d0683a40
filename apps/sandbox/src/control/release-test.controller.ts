import { BadRequestException, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import type { ReleaseTestOptions, ReleaseTestReport } from '../release-test/release-test.js';
import { Sandbox } from '../sandbox.js';
import { ControlBody } from './control-body.decorator.js';
import { objectBody, optionalBoolean, optionalInteger } from './validation.js';

/** Runs WeChat's full-network-release test against the platform and reports each case. */
@Controller('sandbox/release-test')
export class ReleaseTestControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  /** `{group?: 1..5, miniProgram?: boolean, legacyEvent?: boolean, apiReplyTimeoutMs?: number}`. */
  @Post()
  @HttpCode(200)
  async run(@ControlBody() raw: Record<string, unknown>): Promise<ReleaseTestReport> {
    const body = objectBody(raw);
    const options: ReleaseTestOptions = {};
    const group = optionalInteger(body, 'group');
    const miniProgram = optionalBoolean(body, 'miniProgram');
    const legacyEvent = optionalBoolean(body, 'legacyEvent');
    const apiReplyTimeoutMs = optionalInteger(body, 'apiReplyTimeoutMs');
    if (group !== undefined) options.group = group;
    if (miniProgram !== undefined) options.miniProgram = miniProgram;
    if (legacyEvent !== undefined) options.legacyEvent = legacyEvent;
    if (apiReplyTimeoutMs !== undefined) options.apiReplyTimeoutMs = apiReplyTimeoutMs;
    try {
      return await this.sandbox.releaseTest.run(options);
    } catch (error) {
      if (error instanceof RangeError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
