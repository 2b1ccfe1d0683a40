import { BadRequestException, Body, Catch, Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, UseFilters, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import {
  CampaignNotFoundError,
  CampaignStateError,
  FleetReleaseService,
  InvalidCampaignError,
  type CampaignSummary,
  type CampaignView,
  type FleetActionResult,
} from 'nestjs-wechat-component/fleet';

/** `GET /fleet/releases/:id`: the demo's contract (issue 13), plus what the progress page shows. */
export interface ReleaseView {
  id: string;
  status: CampaignView['status'];
  total: number;
  counts: CampaignView['counts'];
  apps: Array<{ appId: string; state: string; error?: { errcode?: number; reason: string; screenshot?: string } }>;
  templateId: number;
  userVersion: string;
  waitingFor: readonly string[];
  pausedReason?: string;
  createdAt: number;
}

/** Campaign errors as HTTP: a bad request 400, an unknown campaign 404, a request its status refuses 409. */
@Catch(InvalidCampaignError, CampaignNotFoundError, CampaignStateError)
class FleetErrorsFilter implements ExceptionFilter {
  catch(error: InvalidCampaignError | CampaignNotFoundError | CampaignStateError, host: ArgumentsHost): void {
    const status = error instanceof InvalidCampaignError ? HttpStatus.BAD_REQUEST : error instanceof CampaignNotFoundError ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
    host.switchToHttp().getResponse<Response>().status(status).json({ error: error.message, code: error.code });
  }
}

function body(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new BadRequestException('the body must be a JSON object');
  return raw as Record<string, unknown>;
}

/** Release campaigns: add a developer's draft to the template library, release it to every mini program, steer. */
@Controller('fleet')
@UseFilters(FleetErrorsFilter)
export class FleetController {
  constructor(private readonly fleet: FleetReleaseService) {}

  /** `{ draftId }` → the template made from it. */
  @Post('templates')
  @HttpCode(201)
  async addTemplate(@Body() raw: unknown): Promise<{ templateId: number }> {
    const draftId = body(raw)['draftId'];
    if (!Number.isInteger(draftId) || (draftId as number) < 0) throw new BadRequestException('draftId must be an integer ≥ 0');
    return { templateId: await this.fleet.addTemplate(draftId as number) };
  }

  /** Campaigns, newest first. */
  @Get('releases')
  list(): Promise<CampaignSummary[]> {
    return this.fleet.listCampaigns();
  }

  /** `{ templateId, userVersion, userDesc, appIds? }` (no appIds: every authorized mini program) → `{ id }`. */
  @Post('releases')
  @HttpCode(201)
  start(@Body() raw: unknown): Promise<{ id: string }> {
    const fields = body(raw);
    const appIds = fields['appIds'];
    if (appIds !== undefined && !(Array.isArray(appIds) && appIds.every((appId) => typeof appId === 'string'))) throw new BadRequestException('appIds must be an array of AppIDs');
    return this.fleet.start({
      templateId: fields['templateId'] as number,
      userVersion: fields['userVersion'] as string,
      userDesc: fields['userDesc'] as string,
      ...(appIds === undefined ? {} : { appIds: appIds as string[] }),
      // Each merchant's mini program gets its own configuration (read by the template's code as wx.getExtConfig).
      extJson: (appId) => ({ extEnable: true, extAppid: appId, ext: { merchant: appId } }),
    });
  }

  @Get('releases/:id')
  async get(@Param('id') id: string): Promise<ReleaseView> {
    const campaign = await this.fleet.getCampaign(id);
    if (!campaign) throw new NotFoundException(`no release ${id}`);
    return {
      id: campaign.id,
      status: campaign.status,
      total: campaign.total,
      counts: campaign.counts,
      apps: campaign.apps.map((app) => ({
        appId: app.appId,
        state: app.state,
        ...(app.error
          ? { error: { ...(app.error.errcode === undefined ? {} : { errcode: app.error.errcode }), reason: app.error.reason, ...(app.error.screenshot ? { screenshot: app.error.screenshot } : {}) } }
          : {}),
      })),
      templateId: campaign.templateId,
      userVersion: campaign.userVersion,
      waitingFor: campaign.waitingFor,
      ...(campaign.pausedReason ? { pausedReason: campaign.pausedReason } : {}),
      createdAt: campaign.createdAt,
    };
  }

  @Post('releases/:id/pause')
  @HttpCode(200)
  async pause(@Param('id') id: string): Promise<{ status: string }> {
    await this.fleet.pause(id);
    return { status: 'paused' };
  }

  @Post('releases/:id/resume')
  @HttpCode(200)
  async resume(@Param('id') id: string): Promise<{ status: string }> {
    await this.fleet.resume(id);
    return { status: 'running' };
  }

  @Post('releases/:id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string): Promise<{ status: string }> {
    await this.fleet.cancel(id);
    return { status: 'cancelled' };
  }

  /** Starts the failed (withdrawn, cancelled) apps again. */
  @Post('releases/:id/retry')
  @HttpCode(200)
  retry(@Param('id') id: string): Promise<FleetActionResult> {
    return this.fleet.retry(id);
  }
}
