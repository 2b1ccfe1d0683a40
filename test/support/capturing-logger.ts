import type { LoggerService } from '@nestjs/common';

/** Keeps every line the application logs, at every level, with its level. */
export class CapturingLogger implements LoggerService {
  readonly lines: Array<{ level: string; text: string }> = [];

  private keep(level: string, parts: unknown[]): void {
    this.lines.push({ level, text: parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ') });
  }

  log = (...parts: unknown[]) => this.keep('log', parts);
  error = (...parts: unknown[]) => this.keep('error', parts);
  warn = (...parts: unknown[]) => this.keep('warn', parts);
  debug = (...parts: unknown[]) => this.keep('debug', parts);
  verbose = (...parts: unknown[]) => this.keep('verbose', parts);

  /** The warnings logged so far. */
  warnings(): string[] {
    return this.lines.filter((line) => line.level === 'warn').map((line) => line.text);
  }
}
