/**
 * A valid 8×8 white baseline JPEG, built by hand (one DC-only block, one-symbol Huffman tables), carrying a JSON
 * payload in a COM segment. The sandbox answers with it wherever WeChat answers with a picture it draws (QR codes,
 * mini-program codes): not scannable, but a real `image/jpeg`, and tests can read what it encodes.
 */
const segment = (marker: number, body: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

const oneSymbolTable = (tableClass: number, symbol: number): Buffer =>
  Buffer.from([tableClass << 4, 1, ...new Array<number>(15).fill(0), symbol]);

const JPEG_BODY = Buffer.concat([
  segment(0xdb, Buffer.from([0x00, ...new Array<number>(64).fill(1)])),
  segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
  segment(0xc4, oneSymbolTable(0, 0x0a)),
  segment(0xc4, oneSymbolTable(1, 0x00)),
  segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
  // DC: code '0' + category-10 value 1016 (white after level shift), AC: EOB '0', padded with 1s.
  Buffer.from([0x7f, 0x87, 0xff, 0xd9]),
]);

/** The JPEG, with `payload` as JSON in a COM segment. */
export function stampedJpeg(payload: Record<string, unknown>): Buffer {
  const comment = Buffer.from(JSON.stringify(payload), 'utf8').subarray(0, 60_000);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xfe, comment), JPEG_BODY]);
}

/** The payload of a {@link stampedJpeg} (for tests), or undefined. */
export function readJpegStamp(jpeg: Uint8Array): Record<string, unknown> | undefined {
  const bytes = Buffer.from(jpeg);
  if (bytes.length < 6 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff || bytes[3] !== 0xfe) return undefined;
  const length = bytes.readUInt16BE(4);
  return JSON.parse(bytes.subarray(6, 4 + length).toString('utf8')) as Record<string, unknown>;
}
