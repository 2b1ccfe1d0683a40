import { WeChatComponentError } from '../errors/wechat-component.errors.js';

/** `WeChatFleetModule` options failed validation at start-up; `problems` lists every bad field. */
export class FleetConfigError extends WeChatComponentError {
  declare readonly code: 'INVALID_FLEET_OPTIONS';

  constructor(readonly problems: readonly string[]) {
    super('INVALID_FLEET_OPTIONS', `WeChatFleetModule options are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** No campaign has this id (under this fleet's prefix). */
export class CampaignNotFoundError extends WeChatComponentError {
  declare readonly code: 'CAMPAIGN_NOT_FOUND';

  constructor(readonly campaignId: string) {
    super('CAMPAIGN_NOT_FOUND', `No release campaign ${campaignId}`);
  }
}

/** The campaign's status does not allow the request (e.g. resuming a completed campaign). */
export class CampaignStateError extends WeChatComponentError {
  declare readonly code: 'CAMPAIGN_STATE';

  constructor(
    readonly campaignId: string,
    readonly status: string,
    request: string,
  ) {
    super('CAMPAIGN_STATE', `Release campaign ${campaignId} is ${status}: cannot ${request}`);
  }
}

/** A campaign request that cannot start: a bad template, version or plan, or no mini program to release to. */
export class InvalidCampaignError extends WeChatComponentError {
  declare readonly code: 'INVALID_CAMPAIGN';

  constructor(readonly problems: readonly string[]) {
    super('INVALID_CAMPAIGN', `The release campaign cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
