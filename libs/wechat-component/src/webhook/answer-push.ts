import type { ServerResponse } from 'node:http';
import { HttpException, type Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-text.js';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import { type BodyLimits, type PushRequest, readRawBody } from './read-raw-body.js';

/** How one webhook takes its pushes: the body's limits, and where and under what name its failures are logged. */
export interface PushHandling {
  readonly limits: BodyLimits;
  readonly logger: Logger;
  /** `event push`, `message push`: names the push in the failure log. */
  readonly what: string;
}

/**
 * The answer to one push, as both webhooks give it: the body is read within the limits and handed to `handle`,
 * whose text is the answer; any failure is thrown as the HttpException of {@link pushFailure}. `response` lets a body
 * cut off for its size or time close its connection after the answer.
 */
export async function answerPush(
  handling: PushHandling,
  request: PushRequest,
  response: ServerResponse | undefined,
  handle: (body: string) => Promise<string>,
): Promise<string> {
  try {
    return await handle(await readRawBody(request, handling.limits, response));
  } catch (error) {
    throw pushFailure(error, handling, request);
  }
}

/**
 * The answer to a push that failed: a refused push gets its 4xx and a warning; a failure of our own gets 500 (so
 * WeChat retries it, at most a few times) and an error log. Neither message carries secrets.
 */
function pushFailure(error: unknown, { logger, what }: PushHandling, request: PushRequest): HttpException {
  if (error instanceof InvalidPushError) {
    logger.warn(`Refused ${what} from ${request.socket.remoteAddress ?? 'unknown'}: ${error.reason}`);
    return new HttpException(error.reason, error.status);
  }
  logger.error(`${what} could not be handled (WeChat will retry it): ${errorMessage(error)}`);
  return new HttpException('push could not be handled; retry later', 500);
}
