import { VERSION } from 'nestjs-wechat-component';
console.log(VERSION);
