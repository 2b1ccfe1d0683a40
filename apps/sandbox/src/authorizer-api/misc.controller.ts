import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { connect } from 'node:net';
import { WeChatError } from '../common/errors.js';
import { JsonBody } from '../http/json-body.decorator.js';
import { Sandbox } from '../sandbox.js';
import { FUNC } from '../state/permissions.js';
import { AuthorizerApi } from './authorizer-api.decorator.js';

/** The addresses the sandbox says WeChat pushes from and serves the API on (WeChat publishes such lists). */
const CALLBACK_IPS = ['101.226.62.77', '101.226.62.78', '101.226.62.79', '101.226.62.80', '101.226.62.81', '101.226.103.59'];
const API_DOMAIN_IPS = ['101.226.212.27', '101.227.162.120', '183.192.196.153', '183.3.226.23'];
const OPERATORS = new Set(['CHINANET', 'UNICOM', 'CAP', 'DEFAULT']);

/** Milliseconds to open a TCP connection, or undefined when it fails within a second. */
function tcpConnectMs(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host, port, timeout: 1000 }, () => {
      socket.destroy();
      resolve(performance.now() - started);
    });
    socket.on('error', () => resolve(undefined));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(undefined);
    });
  });
}

/** WeChat's address lists and the callback network check, for any authorized account. */
@Controller('cgi-bin')
@AuthorizerApi({ official_account: FUNC.ANY, mini_program: FUNC.ANY })
export class MiscController {
  constructor(@Inject(Sandbox) private readonly sandbox: Sandbox) {}

  @Get('getcallbackip')
  callbackIps(): { ip_list: string[] } {
    return { ip_list: [...CALLBACK_IPS] };
  }

  @Get('get_api_domain_ip')
  apiDomainIps(): { ip_list: string[] } {
    return { ip_list: [...API_DOMAIN_IPS] };
  }

  /** Resolves and connects to the host of the message URL for real (`action` dns/ping/all, 40097 otherwise). */
  @Post('callback/check')
  @HttpCode(200)
  async check(@JsonBody() body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const action = body['action'];
    const operator = body['check_operator'];
    if ((action !== 'dns' && action !== 'ping' && action !== 'all') || typeof operator !== 'string' || !OPERATORS.has(operator)) throw new WeChatError(40097);
    const target = this.sandbox.settings.messageUrl;
    if (!target) return { dns: [], ping: [] };
    const url = new URL(target.replaceAll('$APPID$', 'APPID'));
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const realOperator = operator === 'DEFAULT' ? 'UNICOM' : operator;
    const dns = action === 'ping' ? [] : [{ ip: url.hostname, real_operator: realOperator }];
    if (action === 'dns') return { dns, ping: [] };
    const ms = await tcpConnectMs(url.hostname, port);
    return {
      dns,
      ping: [{ ip: url.hostname, from_operator: realOperator, package_loss: ms === undefined ? '100%' : '0%', time: ms === undefined ? '0.000ms' : `${ms.toFixed(3)}ms` }],
    };
  }
}
