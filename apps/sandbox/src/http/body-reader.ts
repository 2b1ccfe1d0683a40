import type { NextFunction, Request, Response } from 'express';

/** A request after {@link readBody}: the raw text and whether it failed to parse. */
export interface SandboxRequest extends Request {
  rawBody?: string;
  /** True when a non-empty body was neither JSON nor a form. */
  bodyUnparsable?: boolean;
  /** The account a handler found the call to concern (when the request did not name it). */
  sandboxAppId?: string;
  /** The bytes of a `multipart/form-data` body (uploads); read them with `readForm`. */
  multipartBody?: Buffer;
}

const MAX_BODY_BYTES = 1_048_576;
/** Uploads: WeChat's largest accepted file is 10 MB (images, videos), plus the form's own bytes. */
const MAX_MULTIPART_BYTES = 11 * 1_048_576;

/** Form fields; a repeated name (checkboxes) becomes an array. */
function formFields(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}

/**
 * Reads every request body ourselves (Nest's parser is off): forms become objects, anything else non-empty is
 * parsed as JSON whatever the content type (as WeChat does); bodies that do not parse are flagged so endpoints
 * answer 47001 rather than a framework 400.
 */
export function readBody(req: SandboxRequest, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.body = {};
    next();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
  const limit = multipart ? MAX_MULTIPART_BYTES : MAX_BODY_BYTES;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      res.status(413).json({ errcode: 47001, errmsg: 'data format error' });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.headersSent) return;
    if (multipart) {
      req.multipartBody = Buffer.concat(chunks);
      req.body = {};
      next();
      return;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    req.rawBody = text;
    req.body = {};
    if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      req.body = formFields(text);
    } else if (text.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) req.body = parsed;
        else req.bodyUnparsable = true;
      } catch {
        req.bodyUnparsable = true;
      }
    }
    next();
  });
  req.on('error', next);
}
