/** WeChat pads to 32-byte blocks (the AES key length), not AES's 16 (§4.2). */
export const WECHAT_PKCS7_BLOCK_SIZE = 32;

/** Appends PKCS#7 padding: 1..blockSize bytes of value n; a whole extra block when already aligned. */
export function pkcs7Pad(data: Buffer, blockSize = WECHAT_PKCS7_BLOCK_SIZE): Buffer {
  const n = blockSize - (data.length % blockSize);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/**
 * Removes PKCS#7 padding strictly: the length must be a multiple of the block size, the pad value within
 * 1..blockSize, and every pad byte equal to it.
 * @throws RangeError on any malformed padding.
 */
export function pkcs7Unpad(data: Buffer, blockSize = WECHAT_PKCS7_BLOCK_SIZE): Buffer {
  if (data.length === 0 || data.length % blockSize !== 0) throw new RangeError('padded length is not a multiple of the block size');
  const n = data[data.length - 1]!;
  if (n < 1 || n > blockSize) throw new RangeError('invalid PKCS#7 pad value');
  for (let i = data.length - n; i < data.length; i++) {
    if (data[i] !== n) throw new RangeError('invalid PKCS#7 padding bytes');
  }
  return data.subarray(0, data.length - n);
}
