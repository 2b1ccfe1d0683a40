import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeMultipart, isReplayable, mimeTypeOf } from './multipart.js';
import { filenameOf, readAll } from './wechat-file.js';

async function parse(fields: Parameters<typeof encodeMultipart>[0]) {
  const encoded = encodeMultipart(fields);
  const bytes = await readAll(encoded.body);
  const form = await new Response(bytes, { headers: { 'content-type': encoded.contentType } }).formData();
  return { encoded, bytes, form };
}

describe('multipart bodies', () => {
  it('encode files and fields that a standard parser reads back, with an exact Content-Length', async () => {
    const image = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
    const { encoded, bytes, form } = await parse([
      { name: 'media', file: { content: image, filename: '猫 "cat".jpg' } },
      { name: 'description', value: JSON.stringify({ title: '标题', introduction: 'x' }) },
    ]);
    expect(encoded.length).toBe(bytes.length);
    const file = form.get('media') as File;
    expect(file.type).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer()).equals(image)).toBe(true);
    expect(JSON.parse(form.get('description') as string)).toEqual({ title: '标题', introduction: 'x' });
  });

  it('stream files without knowing their length unless told', async () => {
    const chunks = [Buffer.from('abc'), Buffer.from('def')];
    const unknown = await parse([{ name: 'media', file: { content: Readable.from(chunks), filename: 'a.mp4' } }]);
    expect(unknown.encoded.length).toBeUndefined();
    expect(await (unknown.form.get('media') as File).text()).toBe('abcdef');
    const known = await parse([{ name: 'media', file: { content: () => Readable.from(chunks), filename: 'a.mp4', size: 6 } }]);
    expect(known.encoded.length).toBe(known.bytes.length);
  });

  it('know which bodies can be sent again', () => {
    expect(isReplayable([{ name: 'a', file: { content: Buffer.alloc(1), filename: 'a' } }, { name: 'b', value: 'x' }])).toBe(true);
    expect(isReplayable([{ name: 'a', file: { content: () => Readable.from([]), filename: 'a' } }])).toBe(true);
    expect(isReplayable([{ name: 'a', file: { content: Readable.from([]), filename: 'a' } }])).toBe(false);
  });

  it('guess MIME types and read Content-Disposition file names', () => {
    expect(mimeTypeOf('A.PNG')).toBe('image/png');
    expect(mimeTypeOf('x.unknown')).toBe('application/octet-stream');
    expect(filenameOf('attachment; filename="MEDIA_ID.jpg"')).toBe('MEDIA_ID.jpg');
    expect(filenameOf("attachment; filename*=UTF-8''%E7%8C%AB.jpg")).toBe('猫.jpg');
    expect(filenameOf(undefined)).toBeUndefined();
  });
});
