import { BadRequestException, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { InvalidFaultError, type Fault, type FaultInput } from '../faults/fault-store.js';
import { Sandbox } from '../sandbox.js';
import { ControlBody } from './control-body.decorator.js';

/** Faults injected into WeChat-side paths: errcodes, HTTP statuses, latency, trickled answers, connection resets. */
@Controller('sandbox/faults')
export class FaultsControlController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get()
  list(): Fault[] {
    return this.sandbox.faults.list();
  }

  /** `{path, errcode?, errmsg?, httpStatus?, httpBody?, latencyMs?, trickleMs?, reset?, times?, appId?}`; 400 names the bad field. */
  @Post()
  add(@ControlBody() body: Record<string, unknown>): Fault {
    try {
      return this.sandbox.faults.add(body as unknown as FaultInput);
    } catch (error) {
      if (error instanceof InvalidFaultError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Delete()
  @HttpCode(200)
  clear(): { cleared: true } {
    this.sandbox.faults.clear();
    return { cleared: true };
  }

  @Delete(':id')
  @HttpCode(200)
  remove(@Param('id') id: string): { removed: true } {
    if (!this.sandbox.faults.remove(Number(id))) throw new NotFoundException(`no fault ${id}`);
    return { removed: true };
  }
}
