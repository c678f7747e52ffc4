/**
 * The offline classifier behind `inferred_domain` and `inferred_scenario`: keyword cues over the
 * request text, scored and compared. It answers with a value of the bundled bank's `domain` and
 * `scenario` lists, or `others` when no cue fires.
 */
import { cueTokens } from "./tokenizer.js";

/** The bundled bank's domains, in the order ties are broken. */
export const DOMAINS = [
  "coding",
  "data",
  "writing",
  "finance",
  "health",
  "travel",
  "education",
  "legal",
  "marketing",
  "career",
  "cooking",
  "fitness",
  "science",
  "math",
  "productivity",
  "home",
  "parenting",
  "relationships",
  "shopping",
  "entertainment",
  "gaming",
  "design",
  "business",
  "language_learning",
  "personal_tech",
] as const;
/** An inferred domain. */
export type Domain = (typeof DOMAINS)[number] | "others";

/** The bundled bank's scenarios, in the order ties are broken. */
export const SCENARIOS = [
  "in_a_rush",
  "debugging",
  "troubleshooting",
  "exam_prep",
  "reviewing",
  "brainstorming",
  "decision_making",
  "planning",
  "learning",
  "work_task",
  "on_mobile",
  "casual_curiosity",
] as const;
/** An inferred scenario. */
export type Scenario = (typeof SCENARIOS)[number] | "others";

// Cues per label: space-separated, `_` joins a phrase, a trailing `*` matches any ending, `:2`
// doubles a cue's weight (a cue that alone decides the label).
const DOMAIN_CUES: Readonly<Record<(typeof DOMAINS)[number], string>> = {
  coding:
    "code:2 coding program* programming:2 python:2 javascript:2 typescript:2 java:2 rust:2 golang c++:2 " +
    "function* bug* compile* compiler debug* git:2 commit* repo repository django:2 flask:2 react:2 node " +
    "npm api:2 endpoint* regex:2 script* class* method* variable* loop* recursion async await exception* " +
    "stack_trace docker:2 kubernetes:2 deploy* backend frontend css:2 html:2 refactor* unit_test* " +
    "typeerror:2 importerror:2 null_pointer library libraries framework* algorithm* hashcode:2 jsx:2 " +
    "pip:2 module* bash:2 shell linux:2 query_string " +
    "postgresql:2 mongodb:2 race_condition:2 mutex:3 big_o:3 hash_map:2 cron:3 regular_expression:3 developer*",
  data:
    "data:2 dataset* sql:2 pandas:2 dataframe* excel:2 spreadsheet* pivot* dashboard* chart* plot* " +
    "visuali* statistic*:2 regression* correlation* p-value* churn a/b:2 confidence_interval " +
    "confidence_level margin_of_error median mean average* column* table* join:2 analytics metric* " +
    "power_bi:2 overfitting:2 model* machine_learning survey* sample_size outlier* cohort* etl " +
    "causation:2 chart_type:2 market_share:2 phone_numbers",
  writing:
    "write* rewrite* draft* essay*:2 email letter*:2 blog* story:2 stories poem*:2 paragraph* sentence* " +
    "proofread*:2 grammar edit* tone wording headline* title* cover_letter novel* fiction prose " +
    "outline* summary summari* speech*:2 toast announcement* caption* " +
    "thank-you_note:2 toast:2 oxford_comma:3 comma subject_line* linkedin_post:2 concise:1 note:1",
  finance:
    "money budget* budgeting save saving* invest*:2 stock*:2 bond* etf*:2 index_fund* portfolio* " +
    "retirement:2 401:2 ira roth pension* mortgage*:2 loan*:2 debt*:2 credit_card* credit_score* " +
    "interest_rate* tax:2 taxes:2 income salary* paycheck inflation dividend* p/e:2 crypto* bitcoin " +
    "emergency_fund net_worth refinanc* apr insurance* " +
    "credit_cards:2 rental_property:2 social_security:3 down_payment:2 pmi:3 expenses:2 split:1 cheaper:1",
  health:
    "health* doctor* symptom*:2 pain:2 medication* medicine* sleep* insomnia diet* nutrition* calorie* " +
    "blood_pressure:2 cholesterol:2 diabetes:2 anxiety depression therapy therapist headache* migraine* " +
    "vitamin* allergy allergies fever* injury injuries back_pain mental_health stress weight_loss " +
    "vaccine* mg/dl:2 blood_test* prescription* dentist* skin rash " +
    "ibuprofen:3 paracetamol:3 dose*:2 dermatologist:3 mole:2 sprain*:3 ankle:2 swollen:2 statin:3 side_effects:2 resting_heart_rate:3 fasting:2 caffeine:1 water:1",
  travel:
    "travel*:2 trip*:2 flight*:2 airport* hotel*:2 itinerary:2 vacation*:2 holiday* visa*:2 passport* " +
    "luggage backpack* tourist* sightseeing destination* road_trip layover* airbnb hostel* train_ticket* " +
    "jet_lag cruise* abroad " +
    "fly:2 pack:2 tipping:2 hiking:1 japan:2 iceland:2 milan:2 venice:2 crete:2 algarve:2 dolomites:2 week_in",
  education:
    "teach* teacher* student*:2 class* classroom*:2 lesson*:2 curriculum:2 school* homework:2 " +
    "university* college* course* syllabus grade* exam* learner*:2 tutor* lecture* study_plan " +
    "assignment* pupil* " +
    "rubric:3 grade:2 middle-school:2 quiz_me:2 cite:2 apa:3 thesis_statement:2 textbook:3 gre:2 study:2 reading_comprehension:3",
  legal:
    "legal:2 law:2 lawyer*:2 attorney* contract*:2 lease*:2 tenant*:2 landlord* sue:2 lawsuit* court*:2 " +
    "copyright*:2 trademark*:2 patent* gdpr:2 liability liable clause*:2 indemnif*:2 will_and probate:2 " +
    "deed:2 divorce* custody nda:2 terms_of_service license* licensee:2 licensor:2 rights " +
    "employment_law small_claims force_majeure:2 regulation* compliance " +
    "llc:3 sole_proprietorship:3 misdemeanor:3 felony:3 speeding_ticket:3 security_deposit:3 privacy:2 dispute*:2 allowed:1 fire_me:2 employer:1",
  marketing:
    "marketing:2 campaign*:2 brand*:2 seo:2 social_media:2 instagram* tiktok* linkedin_post " +
    "newsletter* email_list audience* engagement* ad* ads advertis* conversion*:2 funnel*:2 leads " +
    "demo_requests content_strategy:2 landing_page* slogan* tagline* influencer* customer_acquisition " +
    "ctr cpc roas promotion* launch " +
    "open_rate:3 tagline:3 referral_program:2 product_hunt:2 buyer_persona:3 content_calendar:3 lifetime_value:2 google_review:2 ad_script:2 subscribers:2 metrics:1 post_ideas:2",
  career:
    "career*:2 job*:2 resume*:2 cv:2 interview*:2 hiring_manager recruiter* promotion* raise salary_negotiation " +
    "linkedin:2 coworker* colleague* boss manager* cover_letter:2 job_offer:2 offer* quit* resign* " +
    "layoff* mentor* performance_review:2 workplace internship* " +
    "resignation:3 offers:2 role:2 negotiate:2 recruiters:2 graduate:1 experience:1 skills:2 transfer:1",
  cooking:
    "cook*:2 recipe*:2 bake*:2 baking:2 oven:2 ingredient*:2 dinner* lunch* breakfast meal*:2 " +
    "sauce*:2 dough:2 bread:2 flour:2 yeast:2 roast* grill* fry* soup* vegetarian vegan cake*:2 " +
    "kitchen_knife* spice* marinade* pasta:2 rice chicken:2 egg* sourdough:2 9x13 " +
    "sear:2 steak:2 temper:1 chocolate:2 vinaigrette:3 buttermilk:3 substitute:2 chili:2 vegetarian:2 dinners:2 flour:2",
  fitness:
    "workout*:2 exercise*:2 gym:2 squat*:2 deadlift* bench_press push-up* pull-up* cardio:2 run:2 " +
    "running:2 marathon:2 5k:2 10k training_plan strength:2 muscle*:2 stretch* yoga:2 pilates reps " +
    "sets weightlifting lifting knees knee mobility endurance pace " +
    "heart_rate:2 rest_days:3 protein:2 lift:2 weights:2 sore:2 work_out:2 progressive_overload:3 deload:3 stretching:2 hamstrings:2 hips:1 running_shoes:1",
  science:
    "science* physics:2 chemistry:2 biology:2 planet*:2 moon:2 gravity:2 atom*:2 molecule*:2 " +
    "evolution:2 dna:2 cell* photosynthesis:2 climate* energy_density quantum:2 universe* star* " +
    "light_year* experiment* hypothesis vaccine* virus* bacteria* black_hole* electron* " +
    "battery_chemistry lithium " +
    "sky:2 sun:2 earth:2 volcano*:2 tectonic*:3 northern_lights:3 fission:3 fusion:2 entropy:3 crispr:3 gene*:2 galax*:3 telescope:3 infrared:2 octopus:2 nervous_system:2 ice:1 solids:2 liquid:2 seasons:1 plants_grow",
  math:
    "math*:2 equation*:2 algebra:2 calculus:2 derivative*:2 integral*:2 geometry:2 probability:2 " +
    "fraction*:2 percent* percentage* solve:2 proof*:2 theorem*:2 prime* triangle* matrix matrices " +
    "polynomial* factor* logarithm* exponent* linear_equations:2 practice_problems " +
    "integrate:3 prove:3 irrational:3 simplify:3 permutation*:3 combination*:2 monty_hall:3 square_root:2 converge*:3 modular:2 arithmetic:2 ratio:1 calculate:1 tiles:1",
  productivity:
    "productivity:2 procrastinat*:2 focus routine*:2 habit*:2 to-do todo task*:2 time_management:2 " +
    "pomodoro:2 calendar* schedule* notion:2 obsidian:2 todoist:2 notes note-taking inbox* emails " +
    "meeting*:2 deadline* prioriti*:2 eisenhower:2 organi* workflow* template* shortcuts " +
    "emails:2 inbox:2 outlook:2 onedrive:2 folder*:1 side_projects:2 tasks:2 distracted:2 structure_my_day:2 out-of-office:3",
  home:
    "home* house*:2 apartment* kitchen* bathroom* bedroom* living_room* garden*:2 plant*:2 lawn " +
    "clean* cleaning:2 declutter*:2 laundry stain*:2 carpet* drywall:2 paint* plumber* plumbing:2 " +
    "sink toilet*:2 radiator*:2 heating hvac:2 furnace mold:2 gutter* basement*:2 wall* shelf* " +
    "renovat* remodel*:2 contractor* electricity_bill circuit_breaker:2 wiring compost*:2 fruit_flies " +
    "robot_vacuum:2 leaves:2 fig:2 household:2 chores:1",
  parenting:
    "parent* parenting:2 kid*:2 child*:2 toddler*:2 baby:2 babies newborn*:2 infant* teenager*:2 " +
    "teen* son:2 daughter:2 month-old:2 year-old bedtime:2 tantrum*:2 daycare potty* screen_time:2 " +
    "breastfeed* diaper* nanny babysit* " +
    "child-age:2 chores:1 homework:1 bedtime_routine:2",
  relationships:
    "relationship*:2 partner*:2 boyfriend:2 girlfriend:2 husband:2 wife:2 marriage* dating:2 date " +
    "friend*:2 friendship*:2 breakup* argument* argue* conflict* family_member* in-laws:2 apolog*:2 " +
    "lonely loneliness trust communication roommate*:2 sibling* anniversary " +
    "wedding_invitation:2 anniversary:2 boundaries:2 first-date:3 together:1 reconnect:2 arguing:2 neighbour",
  shopping:
    "buy*:2 buying:2 purchase* shop* shopping:2 price* deal* discount* coupon* refund*:2 return_policy " +
    "order* ordered seller*:2 amazon retailer* worth_it budget_option* gift*:2 mattress:2 sofa " +
    "compare_prices warranty:2 best_budget under_$ " +
    "worth_it:2 look_for:2 choose:1 pick:1 should_i_get:2 membership:2 under_$:2 refurbished:2 gear:1 washing_machine:2 coat:1 knife:1 espresso_machine:2 boots:1",
  entertainment:
    "movie*:2 film*:2 tv_show* series:2 episode* season* netflix book*:2 novel*:2 read_next album*:2 " +
    "music:2 song*:2 playlist*:2 podcast*:2 concert* festival* show*:2 comedy trivia:2 board_game*:2 " +
    "binge:2 spoil* watch*:2 audiobook*:2 book_club:2 " +
    "murder_mystery:3 party:2 audiobooks:2",
  gaming:
    "game*:2 gaming:2 gamer* video_game*:2 console*:2 ps5:2 xbox:2 nintendo:2 switch steam:2 pc_build " +
    "fps:2 rpg:2 multiplayer:2 co-op:2 speedrun* minecraft:2 zelda:2 elden_ring:2 fortnite:2 " +
    "frame_data:2 controller* gpu:2 1440p:2 144hz:2 level_up boss_fight " +
    "chess:3 league_of_legends:3 civilization:3 ranked:2 dungeons:3 roguelike:3 godot:3 level:1 malenia:3 cyberpunk:3 rtx:2",
  design:
    "design*:2 logo*:2 font*:2 typography:2 color*:2 colour*:2 palette*:2 layout*:2 ux:2 ui:2 " +
    "figma:2 wireframe*:2 mockup*:2 prototype* usability:2 poster*:2 branding visual* grid* icon* " +
    "illustrat* portfolio* interior* arrange* sofa dark_patterns:2 landing_page " +
    "deck:2 slide*:2 onboarding_flow:2 checkout:2 redesign*:2 color_rule:2",
  business:
    "business*:2 startup*:2 company companies revenue*:2 profit*:2 margin*:2 pricing:2 customer* " +
    "client* supplier*:2 negotiat* investor*:2 venture_capital:2 funding* swot:2 business_plan:2 " +
    "cash_flow:2 break-even:2 unit_economics:2 okr*:2 kpi* franchis*:2 employees hire hiring " +
    "agency freelancer* due_diligence:2 commercial_lease pitch* b2b:2 saas sales " +
    "café:2 cafe:2 bookstore:1 retail:1 agency:2 laundromat:2 quarterly:2 support_response_time:2",
  language_learning:
    "spanish:2 french:2 german:2 italian:2 japanese:2 chinese:2 mandarin:2 korean:2 portuguese:2 " +
    "vocabulary:2 grammar:2 pronunciation:2 pronounce*:2 conjugat*:2 verb*:2 tense*:2 fluent fluency:2 " +
    "language*:2 duolingo:2 translate*:2 translation* native_speaker* accent* b2:2 a2:2 ser estar " +
    "english:2 anki:3 spaced_repetition:3 learners:1 speak:2",
  personal_tech:
    "phone*:2 iphone*:2 android:2 ipad*:2 laptop*:2 computer*:2 pc:2 mac:2 windows:2 wi-fi:2 wifi:2 " +
    "router*:2 bluetooth:2 printer*:2 password*:2 antivirus:2 vpn:2 backup* back_up storage:2 " +
    "icloud:2 google_drive dropbox gmail:2 app* settings battery:2 update* phishing:2 " +
    "two-factor:2 tablet* headphone* ram gb:2 mesh_system range_extender " +
    "macbook:2 thinkpad:2 smartphone:2 zoom:1 lenovo:2",
};

const SCENARIO_CUES: Readonly<Record<(typeof SCENARIOS)[number], string>> = {
  in_a_rush:
    "asap:3 urgent*:3 urgently:3 quickly:2 quick:1 hurry:3 rush*:3 right_now:2 immediately:3 " +
    "in_an_hour:3 by_tonight:2 by_tomorrow:2 last_minute:2 deadline_today:3 need_this_today:3 today:1",
  debugging:
    "error*:3 bug*:3 crash*:2 exception*:3 traceback:3 stack_trace:3 debug*:3 fails:1 failing:1 " +
    "typeerror:3 importerror:3 undefined:2 null:1 segfault:3 doesn't_compile:3 won't_compile:3",
  troubleshooting:
    "keeps:2 not_working:3 doesn't_work:3 won't:2 broken:2 fix*:2 stopped:2 dropping:2 problem*:1 " +
    "issue*:1 wrong:1 slow:1 trips:2 leak*:2 offline:2 no_sound:3 squeal*:2 what_can_i_try:2 " +
    "what's_wrong:3 what_could_be_wrong:3 why_does:1 runs_for",
  exam_prep:
    "exam*:3 test_prep:3 quiz*:2 practice_problems:3 practice_questions:3 revision:2 revise:2 " +
    "study_for:3 studying:2 finals:2 sat:2 gre:2 ielts:3 toefl:3 flashcard*:2",
  reviewing:
    "review*:2 proofread*:3 feedback_on:3 critique*:3 check_my:2 improve_this:2 edit_this:2 " +
    "what_do_you_think:2 is_this_correct:3 here's_my:2 here_is_my:2 rate_my:3 give_me_feedback:3",
  brainstorming:
    "ideas:1 ideas_for:3 some_ideas:3 give_me_ideas:3 post_ideas:3 brainstorm*:3 suggest*:2 names:2 name_ideas:3 creative:2 come_up_with:3 " +
    "titles:2 concepts:2 themes:2 inspiration:2 recommend*:1",
  decision_making:
    "should_i:3 should_we:3 which:1 versus:2 vs:2 or:1 compare*:2 better:2 worth:2 choose:2 " +
    "decide*:2 decision*:2 pros_and_cons:3 trade-off*:2 best_option:2",
  planning:
    "plan*:3 schedule*:2 itinerary:3 organi*:2 prepare*:2 timeline:2 roadmap:2 agenda:2 routine:2 " +
    "budget:1 steps:1 week-by-week:2 calendar:2 next_month:1",
  learning:
    "explain*:3 learn*:2 understand*:2 difference_between:2 what_is:2 what_are:1 how_does:2 " +
    "how_do:1 why_is:2 why_do:2 teach_me:3 meaning:2 mean:1 concept*:2 basics:2 beginner*:1",
  work_task:
    "draft*:2 write:1 email*:2 report*:2 presentation*:2 meeting*:2 client*:2 team:1 boss:2 " +
    "manager:1 colleague*:2 proposal*:2 memo:2 stakeholder*:2 our_company:2 slide*:2 announcement:2 " +
    "policy:2 workplace:1 coworker*:1",
  on_mobile: "on_my_phone:3 from_my_phone:3 typing_on:2 on_mobile:3 mobile:1",
  casual_curiosity:
    "curious:3 wonder*:2 fun:1 interesting:2 trivia:2 random_question:3 just_wondering:3 why:1 " +
    "how_come:3 what_happens:2",
};

interface Cue {
  words: string[];
  prefix: boolean;
  weight: number;
}

function parseCues(spec: string): Cue[] {
  return spec
    .split(/\s+/)
    .filter((c) => c !== "")
    .map((cue) => {
      const [body = "", weight] = cue.split(/:(?=\d$)/);
      const prefix = body.endsWith("*");
      const words = (prefix ? body.slice(0, -1) : body).split("_");
      return { words, prefix, weight: weight === undefined ? 1 : Number(weight) };
    });
}

const CHILD_AGE = /\b\d+-(?:month|year|week)-olds?\b/g;

/** The request's words for cue matching: lower case, straight apostrophes, `$`/`%` kept as words. */
function tokens(text: string): string[] {
  let lower = text.toLowerCase();
  if (lower.includes("’")) lower = lower.replace(/’/g, "'");
  // "6-month-old", "8-year-olds": the age of a child, a cue of its own.
  if (lower.includes("-old")) lower = lower.replace(CHILD_AGE, "$& child-age");
  return cueTokens(lower);
}

/** One cue of one label (domains first, then scenarios), with its number for counting hits. */
interface IndexedCue {
  id: number;
  label: number;
  cue: Cue;
}

/**
 * Both cue tables compiled for matching: cues indexed by their first word (with the plural forms a
 * token may take) and prefix cues by their first three letters, so a request is scored for domain and
 * scenario in one pass over its tokens instead of trying every cue at every position.
 */
interface CueIndex {
  /** Every table's labels, in table order (which breaks ties), one table after another. */
  labels: string[];
  cueCount: number;
  exact: Map<string, IndexedCue[]>;
  prefix: Map<string, IndexedCue[]>;
  /**
   * A lazily-built cache of pure data: for a token, every cue whose first word can match it (a
   * function of the tables alone), so a token seen before costs one lookup. Capped, so that unusual
   * input cannot grow it without bound.
   */
  memo: Map<string, readonly IndexedCue[]>;
  /**
   * Bit sets over a hash of the `exact` keys and of the `prefix` keys: a token whose own hash (and
   * whose first one to three letters' hashes) hit neither cannot start any cue, so it skips the
   * lookup. Most tokens are such words, and the test costs no string hashing or Map probe.
   */
  exactBits: Uint32Array;
  prefixBits: Uint32Array;
}

const HASH_BITS = 17;

/** A hash of `text.slice(start, end)`, folded to {@link HASH_BITS} bits. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> (32 - HASH_BITS);
}

const setBit = (bits: Uint32Array, h: number): void => {
  bits[h >>> 5] = (bits[h >>> 5] ?? 0) | (1 << (h & 31));
};
const hasBit = (bits: Uint32Array, h: number): boolean => ((bits[h >>> 5] ?? 0) & (1 << (h & 31))) !== 0;

/** Whether `tok` may have candidates: false only when it certainly has none. */
function mayStartCue(tok: string): boolean {
  if (hasBit(INDEX.exactBits, hashOf(tok, 0, tok.length))) return true;
  for (let k = Math.min(3, tok.length); k >= 1; k--)
    if (hasBit(INDEX.prefixBits, hashOf(tok, 0, k))) return true;
  return false;
}

const MEMO_LIMIT = 50_000;
const NO_CUES: readonly IndexedCue[] = [];

function compile(tables: ReadonlyArray<Readonly<Record<string, string>>>): CueIndex {
  const index: CueIndex = {
    labels: [],
    cueCount: 0,
    exact: new Map(),
    prefix: new Map(),
    memo: new Map(),
    exactBits: new Uint32Array(1 << (HASH_BITS - 5)),
    prefixBits: new Uint32Array(1 << (HASH_BITS - 5)),
  };
  const push = (map: Map<string, IndexedCue[]>, key: string, entry: IndexedCue) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      const label = index.labels.push(name) - 1;
      for (const cue of parseCues(spec)) {
        const first = cue.words[0] ?? "";
        const entry = { id: index.cueCount++, label, cue };
        if (cue.prefix && cue.words.length === 1) {
          push(index.prefix, first.slice(0, 3), entry);
        } else {
          for (const form of [first, `${first}s`, `${first}es`]) push(index.exact, form, entry);
        }
      }
    }
  }
  for (const key of index.exact.keys()) setBit(index.exactBits, hashOf(key, 0, key.length));
  for (const key of index.prefix.keys()) setBit(index.prefixBits, hashOf(key, 0, key.length));
  return index;
}

// Parsed and indexed once: read-only after module load (the token memo aside, see `CueIndex`).
// The domains' labels come first, the scenarios' follow.
const INDEX = compile([DOMAIN_CUES, SCENARIO_CUES]);
const DOMAIN_COUNT = Object.keys(DOMAIN_CUES).length;

/** Every cue whose first word matches `tok` (exact or plural form, or as a prefix). */
function candidates(tok: string): readonly IndexedCue[] {
  const known = INDEX.memo.get(tok);
  if (known !== undefined) return known;
  const found: IndexedCue[] = [...(INDEX.exact.get(tok) ?? [])];
  // Prefix cues are keyed by up to three letters (shorter prefixes by all they have).
  for (let k = Math.min(3, tok.length); k >= 1; k--) {
    for (const entry of INDEX.prefix.get(tok.slice(0, k)) ?? []) {
      const want = entry.cue.words[0] ?? "";
      if (Math.min(3, want.length) === k && tok.startsWith(want)) found.push(entry);
    }
  }
  const list = found.length === 0 ? NO_CUES : found;
  if (INDEX.memo.size < MEMO_LIMIT) INDEX.memo.set(tok, list);
  return list;
}

/** `tok` is `want`, or with a prefix cue starts with it; else its plural in `s` or `es`. */
function wordMatches(tok: string, want: string, prefix: boolean): boolean {
  if (prefix) return tok.startsWith(want);
  const extra = tok.length - want.length;
  if (extra === 0) return tok === want;
  if (extra === 1) return tok.endsWith("s") && tok.startsWith(want);
  if (extra === 2) return tok.endsWith("es") && tok.startsWith(want);
  return false;
}

/** Whether `cue` matches at token `i` (its first word is already known to match). */
function matchesAt(toks: readonly string[], i: number, cue: Cue): boolean {
  const n = cue.words.length;
  if (i + n > toks.length) return false;
  for (let j = 1; j < n; j++) {
    if (!wordMatches(toks[i + j] ?? "", cue.words[j] ?? "", j === n - 1 && cue.prefix)) return false;
  }
  return true;
}

/** Each label's score: the weights of the cues found, a cue counting at most twice. */
function scores(toks: readonly string[]): number[] {
  // Plain arrays: a typed array this size would be allocated off the heap, which costs more here.
  const total: number[] = new Array<number>(INDEX.labels.length).fill(0);
  // Cues found so far, once per hit: a cue counts at most twice, so one repeated word cannot outvote
  // several different cues. Few cues fire per request, so a list is the cheapest record.
  const hits: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i] ?? "";
    if (!mayStartCue(tok)) continue;
    for (const entry of candidates(tok)) {
      const cue = entry.cue;
      if (cue.words.length > 1 && !matchesAt(toks, i, cue)) continue;
      const first = hits.indexOf(entry.id);
      if (first >= 0 && hits.indexOf(entry.id, first + 1) >= 0) continue;
      hits.push(entry.id);
      total[entry.label] = (total[entry.label] ?? 0) + cue.weight;
    }
  }
  return total;
}

/** The first label in `[from, to)` with the highest positive score. */
function top(total: readonly number[], from: number, to: number): string | undefined {
  let found: string | undefined;
  let topScore = 0;
  for (let i = from; i < to; i++) {
    const score = total[i] ?? 0;
    if (score > topScore) {
      found = INDEX.labels[i];
      topScore = score;
    }
  }
  return found;
}

const domainOf = (total: readonly number[]): Domain =>
  (top(total, 0, DOMAIN_COUNT) as Domain | undefined) ?? "others";
const scenarioOf = (total: readonly number[]): Scenario =>
  (top(total, DOMAIN_COUNT, INDEX.labels.length) as Scenario | undefined) ?? "others";

/** The domain a request is about, by keyword cues; `others` when none fires. */
export function inferDomain(query: string): Domain {
  return domainOf(scores(tokens(query)));
}

/** The situation a request is asked in, by cue words; `others` when none fires. */
export function inferScenario(query: string): Scenario {
  return scenarioOf(scores(tokens(query)));
}

/** {@link inferDomain} and {@link inferScenario} together, reading the request once. */
export function classifyQuery(query: string): { domain: Domain; scenario: Scenario } {
  const total = scores(tokens(query));
  return { domain: domainOf(total), scenario: scenarioOf(total) };
}
