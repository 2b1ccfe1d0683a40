/** Answers of {@link SubscribeTemplateApi} (订阅消息模板, `wxaapi/newtmpl/*`). */

/** A category of the account (`getcategory`). */
export interface TemplateCategory {
  readonly id: number;
  readonly name: string;
}

/** A public template title (`getpubtemplatetitles`). */
export interface PublicTemplateTitle {
  readonly tid: number;
  readonly title: string;
  /** 2 one-time (一次性订阅), 3 long-term (长期订阅). */
  readonly type: number;
  readonly categoryId: string;
}

/** A keyword of a public template (`getpubtemplatekeywords`). */
export interface PublicTemplateKeyword {
  readonly kid: number;
  readonly name: string;
  readonly example: string;
  /** The kind of value it takes, e.g. `thing`, `time`, `amount`. */
  readonly rule: string;
}

/** A template of the account (`gettemplate`). */
export interface PrivateSubscribeTemplate {
  readonly priTmplId: string;
  readonly title: string;
  readonly content: string;
  readonly example: string;
  readonly type: number;
  readonly keywordEnumValueList?: readonly { readonly keywordCode: string; readonly enumValueList: readonly string[] }[];
}

/** A page of `getpubtemplatetitles` / `getpubtemplatekeywords`. */
export interface CountedList<T> {
  readonly count: number;
  readonly data: readonly T[];
}
