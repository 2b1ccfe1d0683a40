import type { Response } from 'express';

/**
 * Answers with a file as WeChat does: the bytes, its `Content-Type` and `Content-disposition: attachment;
 * filename="…"` (WeChat spells the header in that case).
 */
export function sendFile(res: Response, bytes: Buffer, contentType: string, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-disposition', `attachment; filename="${filename.replace(/["\r\n]/g, '')}"`);
  res.setHeader('Cache-Control', 'no-cache, must-revalidate');
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}
