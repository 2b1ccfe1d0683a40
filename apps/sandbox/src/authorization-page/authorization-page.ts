import { html, page, type SafeHtml } from '../common/html.js';
import type { Account, AccountType } from '../state/accounts.js';
import { PERMISSION_SETS, PLATFORM_PERMISSIONS } from '../state/permissions.js';

/** The query of the authorization page, carried through the form. */
export interface AuthorizationPageRequest {
  component_appid: string;
  pre_auth_code: string;
  redirect_uri: string;
  auth_type: string;
  biz_appid: string;
}

const TYPE_NAMES: Record<AccountType, string> = { official_account: '公众号', mini_program: '小程序' };
const STATUS_NAMES = { authorized: '已授权', revoked: '已取消授权', unauthorized: '' };

/**
 * The page a person sees at `componentloginpage` / `bindcomponent`: the accounts they administer (radio
 * `input[name=appid]`), the permission sets asked for (checkboxes `input[name=func]`, all ticked) and the
 * `button#authorize` 授权 (Authorize). Submitting posts the form back to the same path.
 */
export function authorizationPage(
  action: string,
  request: AuthorizationPageRequest,
  accounts: readonly Account[],
  more: number,
  mobile: boolean,
): string {
  const types = [...new Set(accounts.map((a) => a.type))];
  const rows = accounts.map(
    (account, i) => html`<label class="account" for="account-${account.appId}">
<input type="radio" name="appid" id="account-${account.appId}" value="${account.appId}"${i === 0 ? html` checked` : undefined}>
<span>${account.nickName}<span class="tag">${TYPE_NAMES[account.type]}</span>${
      account.status === 'unauthorized' ? undefined : html`<span class="tag">${STATUS_NAMES[account.status]}</span>`
    }<br><small><code>${account.appId}</code> · ${account.principalName}</small></span></label>`,
  );
  const permissions = types.map(
    (type) => html`<fieldset><legend>${TYPE_NAMES[type]}授权的权限集</legend>${PLATFORM_PERMISSIONS[type].map(
      (id) => html`<label><input type="checkbox" name="func" value="${id}" checked> ${PERMISSION_SETS[id] ?? String(id)}</label><br>`,
    )}</fieldset>`,
  );
  const hidden = (Object.keys(request) as (keyof AuthorizationPageRequest)[]).map(
    (name) => html`<input type="hidden" name="${name}" value="${request[name]}">`,
  );
  const list: SafeHtml =
    accounts.length === 0
      ? html`<p class="error" id="no-accounts">没有可授权的帐号（沙盒：用控制台或 POST /sandbox/accounts 创建）</p>`
      : html`${rows}${more > 0 ? html`<p class="muted">还有 ${more} 个帐号未显示；用 biz_appid 指定帐号。</p>` : undefined}`;
  return page(
    '授权',
    html`<h1>授权给第三方平台</h1>
<p class="muted">第三方平台 <code>${request.component_appid}</code> 申请获得以下帐号的权限。请选择要授权的帐号（沙盒模拟）。</p>
<form method="post" action="${action}" id="authorization-form">
${hidden}<input type="hidden" name="func_selection" value="1">
${list}
${permissions}
<button type="submit" id="authorize"${accounts.length === 0 ? html` disabled` : undefined}>授权 (Authorize)</button>
</form>`,
    mobile,
  );
}
