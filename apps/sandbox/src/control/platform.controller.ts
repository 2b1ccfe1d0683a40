import { BadRequestException, Controller, Get, HttpCode, Inject, NotFoundException, Patch, Post } from '@nestjs/common';
import { Sandbox } from '../sandbox.js';
import type { SandboxSettings } from '../state/settings.js';
import { ControlBody } from './control-body.decorator.js';
import type { SandboxSummary, TicketResult } from './types.js';
import { summaryView } from './views.js';

/** The sandbox as a whole: summary, settings, the ticket and the component token. */
@Controller('sandbox')
export class PlatformControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get()
  summary(): SandboxSummary {
    return summaryView(this.sandbox);
  }

  @Get('settings')
  settings(): SandboxSettings {
    return { ...this.sandbox.settings };
  }

  /** Lifetimes, rotation, push targets (null clears one), ticket interval, push timeout and attempts. */
  @Patch('settings')
  updateSettings(@ControlBody() body: Record<string, unknown>): SandboxSettings {
    try {
      return { ...this.sandbox.updateSettings(body) };
    } catch (error) {
      throw new BadRequestException((error as Error).message);
    }
  }

  /** Issues a ticket now and pushes it (when an event URL is set); waits for the push to finish. */
  @Post('ticket')
  @HttpCode(200)
  async pushTicket(): Promise<TicketResult> {
    const { ticket, push } = await this.sandbox.ticketPusher.pushNow();
    return { ticket: ticket.value, issuedAt: ticket.issuedAt, ...(push ? { push } : {}) };
  }

  /** Later calls with the component token answer 42001. */
  @Post('component/token/expire')
  @HttpCode(200)
  expireComponentToken(): { expired: true } {
    if (!this.sandbox.tokens.expire(this.sandbox.component.appId)) throw new NotFoundException('no component token has been issued');
    return { expired: true };
  }

  /** Later calls with the component token answer 40001. */
  @Post('component/token/invalidate')
  @HttpCode(200)
  invalidateComponentToken(): { invalidated: true } {
    if (!this.sandbox.tokens.invalidate(this.sandbox.component.appId)) throw new NotFoundException('no component token has been issued');
    return { invalidated: true };
  }
}
