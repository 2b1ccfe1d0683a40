import { BadRequestException } from '@nestjs/common';

/** A control-API body field check that answers 400 with a clear message. */
export function requireThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new BadRequestException(message);
}

/** The JSON body as an object (400 otherwise). */
export function objectBody(body: unknown): Record<string, unknown> {
  requireThat(typeof body === 'object' && body !== null && !Array.isArray(body), 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  requireThat(value === undefined || typeof value === 'string', `${name} must be a string`);
  return value as string | undefined;
}

export function optionalInteger(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  requireThat(value === undefined || Number.isInteger(value), `${name} must be an integer`);
  return value as number | undefined;
}

export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  requireThat(value === undefined || typeof value === 'boolean', `${name} must be a boolean`);
  return value as boolean | undefined;
}

/** A query-string number (400 when present but not a non-negative integer). */
export function queryInteger(query: Record<string, unknown>, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  requireThat(typeof value === 'string' && /^\d+$/.test(value), `${name} must be a non-negative integer`);
  return Number(value);
}
