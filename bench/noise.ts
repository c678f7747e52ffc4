// Rule-based noise throughput: short prompts (10–40 words) through a typical surface recipe
// (3–5 rules), single thread. Target: 50,000 prompts per second on one core.
import { applyRuleNoise, type RuleSpec, surfaceStrategyRules } from "../src/noise/rule-noise.js";
import { createRng } from "../src/rng/random.js";

const TARGET_PER_SECOND = 50_000;

const PROMPTS = [
  "Can you help me write a formal email to my manager about the project deadline next Friday?",
  "I need assistance with planning a three day trip to Lisbon in May, including where to stay and what to eat.",
  "Please summarize this document in five bullet points and keep it under 200 words.",
  "What is the difference between a list and a tuple in Python, and when should I use each one?",
  "I want to learn about machine learning but I do not know where to start. Can you recommend some resources?",
  "Write a short poem about autumn leaves falling in the park.",
  "My laptop keeps crashing when I open Chrome with more than 20 tabs. How do I fix this?",
  "Could you explain how compound interest works with an example of $1,000 at 5% per year?",
  "Translate this sentence into French: I would like to book a table for two at 7:30 pm.",
  "Give me a healthy dinner recipe that takes less than 30 minutes and does not use dairy.",
  "How do I set up a Node.js project with TypeScript and ESLint from scratch?",
  "Can you review my cover letter and tell me what to improve? I am applying for a marketing role.",
  "I am planning a birthday party for my daughter who is turning 7. Any fun theme ideas?",
  "Explain the causes of the French Revolution in simple terms for a high school student.",
  "What are the best practices for writing clean and maintainable code in a large team?",
  "Help me draft a polite message to my landlord about the broken heater in my apartment.",
  "Is it possible to run a marathon after training for only three months? I currently run 10 km a week.",
  "Create a weekly workout plan for a beginner who wants to build strength at home without equipment.",
  "Find the bug in this function: `def add(a, b): return a - b` and explain the fix.",
  "I need to send the report to anna.smith@example.com before the meeting tomorrow morning, can you make it shorter?",
  "What should I pack for a week of hiking in the Alps in September?",
  "Please rewrite this paragraph so that it sounds more professional and less casual, thanks.",
  "How can I improve my sleep? I usually go to bed at 1 am and wake up tired.",
  "Recommend three science fiction books similar to Dune that were published after 2000.",
  "I’m looking for a good café near the office where I can work for a few hours, any ideas?",
  "Can you help me plan my mom’s birthday dinner 🎉 she loves Italian food and crème brûlée.",
  "What’s the best way to learn Spanish vocabulary quickly? I keep forgetting words 😅",
  "I am writing a grant proposal for a community garden project and I need help structuring the budget section, explaining the costs clearly, and making the case that the garden will benefit local families.",
  "Could you please help me understand why my React component renders twice in development mode? I read something about strict mode but I do not really understand what it does or whether I should turn it off.",
  "We are moving to a new city next month with two kids and a dog, and I would like a checklist of everything we need to do before, during and after the move so nothing gets forgotten.",
  "Please compare the pros and cons of renting versus buying a home for a young couple with stable jobs, some savings, and plans to stay in the same area for at least five years.",
];

/** A typical surface recipe: 3–5 rules drawn from the semantic strategies' offline recipes. */
const RECIPES: RuleSpec[][] = [
  [...(surfaceStrategyRules("colloquial_speech") ?? []), ...(surfaceStrategyRules("typo_misspelling") ?? [])],
  [
    ...(surfaceStrategyRules("punctuation_format") ?? []),
    ...(surfaceStrategyRules("synonym_rewrite") ?? []),
    { name: "keyboard_typo", intensity: 0.3 },
  ],
  [
    ...(surfaceStrategyRules("incomplete_sentence") ?? []),
    ...(surfaceStrategyRules("word_segmentation") ?? []),
    { name: "casing", intensity: 0.5 },
    { name: "filler", intensity: 0.4 },
  ],
  [
    ...(surfaceStrategyRules("real_life_fragments") ?? []),
    { name: "char_swap", intensity: 0.3 },
    { name: "abbreviation", intensity: 0.5 },
    { name: "punctuation", intensity: 0.5 },
  ],
];

const rng = createRng(42, "bench", "noise");
let sink = 0;
/** Wall-clock and CPU seconds (CPU time is what one core delivers, even on a busy machine). */
function run(n: number): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const text = PROMPTS[i % PROMPTS.length] as string;
    const strategies = RECIPES[i % RECIPES.length] as RuleSpec[];
    sink += applyRuleNoise(text, { strategies, rng }).noisy_text.length;
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

run(20_000); // warm up: JIT, the misspelling index, the segmenters
// Many short rounds, the best one reported: on a shared machine a long round mostly measures the
// neighbours' load; the median is printed too.
const n = 31_000;
const rounds = Array.from({ length: 15 }, () => run(n));
const cpu = rounds.map((r) => r.cpu).sort((a, b) => a - b);
const seconds = cpu[0] as number;
const median = cpu[Math.floor(cpu.length / 2)] as number;
const wallSeconds = Math.min(...rounds.map((r) => r.wall));
const perSecond = n / seconds;
const wordCounts = PROMPTS.map((p) => p.split(/\s+/).length);
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
console.log(
  `rule noise: ${PROMPTS.length} prompts of ${Math.min(...wordCounts)}–${Math.max(...wordCounts)} words, ` +
    `${RECIPES.length} recipes of 3–5 rules, ${rounds.length} rounds of ${fmt(n)} applications, one thread`,
);
console.log(
  `  ${fmt(perSecond)} prompts/s (best round, CPU time), ${((seconds / n) * 1e6).toFixed(2)} µs/prompt; ` +
    `median round ${fmt(n / median)}/s; best wall clock ${fmt(n / wallSeconds)}/s`,
);
console.log(
  `  ratio to the ${fmt(TARGET_PER_SECOND)}/s target: ${(perSecond / TARGET_PER_SECOND).toFixed(2)}×`,
);
if (sink === 0) console.log("(no output)");
