/** Answers of {@link PhoneNumberApi}. */

/** `wxa/business/getuserphonenumber`'s `phone_info`. */
export interface PhoneInfo {
  /** The number the user bound (numbers outside mainland China carry their country code). */
  readonly phoneNumber: string;
  /** Without the country code. */
  readonly purePhoneNumber: string;
  readonly countryCode: string;
  readonly watermark: { readonly timestamp: number; readonly appid: string };
}
