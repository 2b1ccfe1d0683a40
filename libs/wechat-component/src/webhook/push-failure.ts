import { HttpException, type Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-text.js';
import { InvalidPushError } from '../errors/wechat-component.errors.js';
import type { PushRequest } from './read-raw-body.js';

/**
 * The answer to a push that failed: a refused push gets its 4xx and a warning; a failure of our own gets 500 (so
 * WeChat retries it, at most a few times) and an error log. Neither message carries secrets.
 */
export function pushFailure(error: unknown, logger: Logger, request: PushRequest, what: string): HttpException {
  if (error instanceof InvalidPushError) {
    logger.warn(`Refused ${what} from ${request.socket.remoteAddress ?? 'unknown'}: ${error.reason}`);
    return new HttpException(error.reason, error.status);
  }
  logger.error(`${what} could not be handled (WeChat will retry it): ${errorMessage(error)}`);
  return new HttpException('push could not be handled; retry later', 500);
}
