import { WeChatError } from '../common/errors.js';
import type { SandboxRequest } from './body-reader.js';

/** An uploaded file as an endpoint sees it. */
export interface UploadedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** The parsed `multipart/form-data` body of an upload: its files and text fields. */
export interface UploadForm {
  file(name: string): UploadedFile | undefined;
  text(name: string): string | undefined;
}

/**
 * Parses the multipart body read by `readBody` (with the platform's own parser, so the sandbox shares no code with
 * the client that encoded it).
 * @throws WeChatError 41005 when the body is not a multipart form.
 */
export async function readForm(req: SandboxRequest): Promise<UploadForm> {
  const contentType = req.headers['content-type'] ?? '';
  if (!req.multipartBody || !contentType.startsWith('multipart/form-data')) throw new WeChatError(41005);
  let form: FormData;
  try {
    form = await new Response(req.multipartBody, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new WeChatError(41005);
  }
  const files = new Map<string, UploadedFile>();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string' || files.has(name)) continue;
    files.set(name, { filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return {
    file: (name) => files.get(name),
    text: (name) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : undefined;
    },
  };
}

/** The file in field `name` (`media` for most uploads). @throws WeChatError 41005 when absent or empty. */
export async function requireUpload(req: SandboxRequest, name = 'media'): Promise<{ file: UploadedFile; form: UploadForm }> {
  const form = await readForm(req);
  const file = form.file(name);
  if (!file || file.bytes.length === 0) throw new WeChatError(41005);
  return { file, form };
}
