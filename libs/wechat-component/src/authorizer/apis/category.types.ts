/** Requests and answers of {@link CategoryApi} (类目管理). */

/** A qualification document of a category: its key and the media id of the uploaded picture. */
export interface CategoryCertificate {
  readonly key: string;
  readonly value: string;
}

/** A category to add (ids from {@link CategoryApi.getAllCategories}). */
export interface CategoryToAdd {
  readonly first: number;
  readonly second: number;
  readonly certicates?: readonly CategoryCertificate[];
}

/** One category in WeChat's table (`getallcategories`). */
export interface CategoryTableEntry {
  readonly id: number;
  readonly name: string;
  readonly level: number;
  readonly father: number;
  readonly children: readonly number[];
  /** 0 no qualification needed, 1 needs one. */
  readonly sensitive_type: number;
  readonly qualify?: { readonly exter_list: readonly unknown[]; readonly remark?: string };
  readonly [field: string]: unknown;
}

/** `cgi-bin/wxopen/getallcategories`. */
export interface AllCategories {
  readonly categories_list: { readonly categories: readonly CategoryTableEntry[] };
}

/** A category set on the mini program, with its audit. */
export interface SetCategory {
  readonly first: number;
  readonly first_name: string;
  readonly second: number;
  readonly second_name: string;
  /** 1 in review, 2 rejected, 3 approved. */
  readonly audit_status: number;
  readonly audit_reason: string;
}

/** `cgi-bin/wxopen/getcategory`. */
export interface SetCategories {
  readonly categories: readonly SetCategory[];
  /** Changes allowed a month. */
  readonly limit: number;
  /** Changes left this month. */
  readonly quota: number;
  /** Categories allowed in all. */
  readonly category_limit: number;
}
