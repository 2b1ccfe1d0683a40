/** Answers of {@link TemplateApi} (模板消息: industry and templates), as WeChat names the fields. */

/** An industry of template messages. */
export interface TemplateIndustry {
  first_class: string;
  second_class: string;
}

/** `template/get_industry`. */
export interface IndustryInfo {
  primary_industry: TemplateIndustry;
  secondary_industry: TemplateIndustry;
}

/** A template of the account (`template/get_all_private_template`). */
export interface PrivateTemplate {
  template_id: string;
  title: string;
  primary_industry: string;
  deputy_industry: string;
  content: string;
  example: string;
}
