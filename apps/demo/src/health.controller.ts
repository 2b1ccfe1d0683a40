import { Controller, Get } from '@nestjs/common';
import { ComponentService, type ComponentHealth } from 'nestjs-wechat-component';

@Controller('health')
export class HealthController {
  constructor(private readonly component: ComponentService) {}

  /** `{ ticket, componentToken, store }`: whether the platform can call WeChat right now. */
  @Get()
  health(): Promise<ComponentHealth> {
    return this.component.getHealth();
  }
}
