import { valueKey } from "./trait-scales.js";

/**
 * How categorical persona values read inside a sentence, for both banks' spellings. A value missing
 * here reads as itself with underscores turned into spaces ({@link humanize}), so a value resolved
 * from `others` (`air_traffic_controller`) still reads naturally.
 */

/** Occupation phrases (singular, without article). */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  student: "student",
  software_engineer: "software engineer",
  engineer: "engineer",
  data_scientist: "data scientist",
  data: "data professional",
  product_manager: "product manager",
  pm: "product manager",
  designer: "designer",
  marketer: "marketer",
  marketing: "marketer",
  salesperson: "salesperson",
  sales: "sales professional",
  customer_support: "customer support agent",
  customer: "customer-facing specialist",
  operations: "operations specialist",
  ops: "operations specialist",
  hr_recruiter: "HR recruiter",
  people: "people and HR specialist",
  qa: "QA engineer",
  security: "security engineer",
  it: "IT specialist",
  finance_professional: "finance professional",
  finance: "finance professional",
  lawyer: "lawyer",
  legal: "legal professional",
  healthcare_worker: "healthcare worker",
  healthcare: "healthcare professional",
  researcher: "researcher",
  teacher: "teacher",
  founder: "founder",
  writer: "writer",
  tradesperson: "tradesperson",
  retiree: "retiree",
};

/** Roles whose daily work is technical (they ask in tools and terms, not symptoms). */
export const TECHNICAL_ROLES: ReadonlySet<string> = new Set([
  "software_engineer",
  "engineer",
  "data_scientist",
  "data",
  "qa",
  "security",
  "it",
]);

/** Roles that carry no seniority ("a senior retiree" reads wrong). */
export const ROLES_WITHOUT_SENIORITY: ReadonlySet<string> = new Set(["student", "retiree", "founder"]);

/** Industry phrases, as the object of "in" ("works in fintech"). */
export const INDUSTRY_LABELS: Readonly<Record<string, string>> = {
  technology: "tech",
  finance_banking: "finance and banking",
  healthcare: "healthcare",
  education: "education",
  retail_ecommerce: "retail and e-commerce",
  manufacturing: "manufacturing",
  media_entertainment: "media and entertainment",
  government: "government",
  nonprofit: "the nonprofit sector",
  consulting: "consulting",
  legal_services: "legal services",
  hospitality_travel: "hospitality and travel",
  real_estate: "real estate",
  energy: "energy",
  logistics: "logistics",
  agriculture: "agriculture",
  telecom: "telecom",
  consumer_internet: "consumer internet",
  enterprise_saas: "enterprise SaaS",
  fintech: "fintech",
  ecommerce: "e-commerce",
  gaming: "gaming",
  logistics_supply_chain: "logistics and supply chain",
  manufacturing_iot: "manufacturing and IoT",
  media_content: "media",
  ai_infra_tools: "AI infrastructure",
  gov_public_sector: "the public sector",
  academia: "academia",
  agency_consulting: "an agency",
};

/** Subject-area phrases, as the object of "questions about …". */
export const DOMAIN_LABELS: Readonly<Record<string, string>> = {
  coding: "programming",
  writing: "writing",
  data: "data and analytics",
  finance: "money and finance",
  health: "health",
  travel: "travel",
  education: "education",
  legal: "legal matters",
  marketing: "marketing",
  career: "career questions",
  cooking: "cooking",
  fitness: "fitness",
  science: "science",
  math: "math",
  productivity: "productivity",
  home: "home and household tasks",
  parenting: "parenting",
  relationships: "relationships",
  shopping: "shopping decisions",
  entertainment: "entertainment",
  gaming: "games",
  design: "design",
  business: "business",
  language_learning: "language learning",
  personal_tech: "personal technology",
  general: "all sorts of topics",
  product: "product management",
  sales: "sales",
  customer_support: "customer support",
  bizdev: "business development",
  ops: "operations",
  food: "food and cooking",
  communication: "communication",
  life_admin: "life admin",
  research: "research",
  news: "current events",
};

/** Specialization phrases, as the object of "specializing in …". */
export const SPECIALIZATION_LABELS: Readonly<Record<string, string>> = {
  frontend: "frontend development",
  backend: "backend systems",
  fullstack: "full-stack development",
  mobile: "mobile apps",
  infra: "infrastructure",
  devops: "DevOps",
  machine_learning: "machine learning",
  ml_eng: "machine learning engineering",
  data_engineering: "data engineering",
  data_eng: "data engineering",
  analytics: "analytics",
  data_analyst: "data analysis",
  bi: "business intelligence",
  security: "security",
  security_eng: "security engineering",
  qa_eng: "quality assurance",
  ux_research: "UX research",
  ux: "UX",
  ui: "UI design",
  visual_design: "visual design",
  product_design: "product design",
  content_writing: "content writing",
  content: "content",
  seo: "SEO",
  seo_sem: "search marketing",
  growth: "growth",
  growth_pm: "growth",
  accounting: "accounting",
  clinical_care: "clinical care",
  healthcare_clinical: "clinical care",
  healthcare_admin: "healthcare administration",
  k12_teaching: "K-12 teaching",
  teacher_k12: "K-12 teaching",
  higher_education: "higher education",
  teacher_highered: "higher education",
  academic_research: "academic research",
  industry_research: "industry research",
  applied_research: "applied research",
  sales_b2b: "B2B sales",
  sales_b2c: "consumer sales",
  customer_success: "customer success",
  hr: "HR",
  finance_ops: "finance operations",
  legal_ops: "legal operations",
  it_support: "IT support",
  performance_marketing: "performance marketing",
  product_marketing: "product marketing",
  brand: "brand marketing",
};

/** Programming languages named by the original bank's `code_preference`. */
export const CODE_LANGUAGE_LABELS: Readonly<Record<string, string>> = {
  python: "Python",
  javascript_typescript: "JavaScript or TypeScript",
  javascript: "JavaScript",
  typescript: "TypeScript",
  java: "Java",
  cpp: "C++",
  go: "Go",
  rust: "Rust",
  ruby: "Ruby",
  php: "PHP",
  swift_kotlin: "Swift or Kotlin",
  csharp: "C#",
  sql: "SQL",
  shell: "shell scripting",
  multiple: "several languages",
};

/** Regions, as the object of "based in …". */
export const REGION_LABELS: Readonly<Record<string, string>> = {
  north_america: "North America",
  latin_america: "Latin America",
  western_europe: "Western Europe",
  eastern_europe: "Eastern Europe",
  nordics: "the Nordics",
  middle_east: "the Middle East",
  africa: "Africa",
  south_asia: "South Asia",
  east_asia: "East Asia",
  southeast_asia: "Southeast Asia",
  oceania: "Oceania",
};

/** A value key turned into words: `air_traffic_controller` → `air traffic controller`. */
export function humanize(key: string): string {
  return key.replace(/_/g, " ").trim();
}

/** The phrase for a value through a label table, or the humanized value; `undefined` when absent. */
export function labelOf(
  value: string | number | boolean | null | undefined,
  labels: Readonly<Record<string, string>>,
): string | undefined {
  const key = valueKey(typeof value === "string" ? value : undefined);
  if (key === undefined) return undefined;
  return labels[key] ?? humanize(key);
}

/** "a" or "an" before a phrase, by its first sound (letter names for acronyms: "an HR recruiter"). */
export function withArticle(phrase: string): string {
  const text = phrase.trimStart();
  const word = /^[A-Za-z0-9+#-]+/.exec(text)?.[0] ?? "";
  let an: boolean;
  if (/^[A-Z]{2,}/.test(word)) {
    an = /^[AEFHILMNORSX]/.test(word);
  } else {
    const lower = word.toLowerCase();
    an =
      (/^[aeiou]/.test(lower) && !/^(?:eu|one|once|uni|use|usu|ur[aeo])/.test(lower)) ||
      /^(?:hour|honest|heir)/.test(lower);
  }
  return `${an ? "an" : "a"} ${text}`;
}
