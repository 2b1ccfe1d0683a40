import { describe, expect, it } from 'vitest';
import { WeChatApiError } from './wechat-api.error.js';

describe('WeChatApiError', () => {
  it('reads the rid WeChat appends to errmsg, and keeps the account and the answer details', () => {
    const error = new WeChatApiError(61023, 'refresh_token is invalid rid: 6142cae2-160a288b-589e1ad2', '/cgi-bin/component/api_authorizer_token', {
      appId: 'wx326eecacf7370d4e',
      details: { hints: [] },
    });
    expect(error).toMatchObject({ rid: '6142cae2-160a288b-589e1ad2', appId: 'wx326eecacf7370d4e', details: { hints: [] } });
    expect(new WeChatApiError(61023, 'refresh_token is invalid hint: [tp9AvA04171107]', '/x').rid).toBeUndefined();
  });
});
