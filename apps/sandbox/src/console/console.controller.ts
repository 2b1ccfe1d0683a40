import { Controller, Get, Header } from '@nestjs/common';
import { CONSOLE_PAGE } from './console-page.js';

/** The console page at `/`. */
@Controller()
export class ConsoleController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return CONSOLE_PAGE;
  }
}
