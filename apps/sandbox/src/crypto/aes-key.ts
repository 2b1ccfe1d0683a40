/**
 * Decodes a 43-character EncodingAESKey into the 32-byte AES key: `Base64_Decode(EncodingAESKey + "=")` (§4.1).
 * @throws RangeError when the key is not 43 characters of `[a-zA-Z0-9]` or does not decode to 32 bytes.
 */
export function decodeEncodingAESKey(encodingAESKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAESKey)) {
    throw new RangeError('EncodingAESKey must be 43 characters of [a-zA-Z0-9]');
  }
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) throw new RangeError('EncodingAESKey must decode to 32 bytes');
  return key;
}
