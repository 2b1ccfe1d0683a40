import { html, page } from '../common/html.js';
import type { Account } from '../state/accounts.js';
import { SIMULATED_USERS } from '../state/users.js';

/** What the consent form carries back. */
export interface ConsentRequest {
  appid: string;
  redirect_uri: string;
  scope: string;
  state: string;
  component_appid: string;
}

/** The snsapi_userinfo consent page: pick a simulated WeChat user, then 允许 or 拒绝. */
export function consentPage(account: Account, request: ConsentRequest): string {
  const users = SIMULATED_USERS.map(
    (user, i) => html`<label class="account"><input type="radio" name="user" value="${user.key}"${i === 0 ? html` checked` : undefined}>
      <span>${user.nickname} <small>${user.city}</small></span></label>`,
  );
  const hidden = (Object.keys(request) as (keyof ConsentRequest)[]).map(
    (name) => html`<input type="hidden" name="${name}" value="${request[name]}">`,
  );
  return page(
    '微信授权',
    html`<h1>${account.nickName}</h1>
<p class="muted">申请获得以下权限：获得你的公开信息（昵称、头像、地区及性别）</p>
<form method="post" action="/connect/oauth2/authorize" id="consent">
${hidden}
<fieldset><legend>以哪个微信用户身份登录（沙盒）</legend>${users}</fieldset>
<button type="submit" name="decision" value="allow" id="allow">允许 (Allow)</button>
<button type="submit" name="decision" value="deny" id="deny" class="secondary">拒绝 (Deny)</button>
</form>`,
    true,
  );
}
