import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadPersonaBank } from "../../src/persona/bank.js";
import { DOMAINS, inferDomain, inferScenario, SCENARIOS } from "../../src/text/query-classifier.js";
import { BUNDLED_BANK, seedQueries } from "../offline/fixtures.js";

describe("inferred domain and scenario", () => {
  test("clear requests get the obvious domain", () => {
    const cases: Array<[string, string]> = [
      ["My Python script throws a TypeError when I call this function", "coding"],
      ["What's a good recipe for banana bread with walnuts?", "cooking"],
      ["Plan a 5-day trip to Lisbon: flights, hotel and an itinerary", "travel"],
      ["Should I put $10,000 into index funds or pay off my student loan?", "finance"],
      ["Give me a 20-minute workout with squats and push-ups", "fitness"],
      ["Solve the equation 2x + 3 = 11 and explain each step", "math"],
      ["Why is the sky blue?", "science"],
      ["Write a cover letter for my job application and tailor my resume", "career"],
      ["My toddler throws tantrums at bedtime, what can I do?", "parenting"],
      ["My Wi-Fi router keeps disconnecting my laptop", "personal_tech"],
      ["Can my landlord keep my security deposit under this lease clause?", "legal"],
      ["Suggest a color palette and fonts for my logo", "design"],
      ["How do I conjugate French verbs in the past tense?", "language_learning"],
      ["Recommend a TV series to binge like Severance", "entertainment"],
      ["Write three subject lines for our newsletter campaign", "marketing"],
    ];
    for (const [query, domain] of cases) assert.equal(inferDomain(query), domain, query);
  });

  test("clear cues give the obvious scenario", () => {
    const cases: Array<[string, string]> = [
      ["URGENT: I need this asap, the client call is in an hour", "in_a_rush"],
      ["I get an error: TypeError: undefined is not a function. Where's the bug?", "debugging"],
      ["My dishwasher keeps stopping mid-cycle and won't drain", "troubleshooting"],
      ["Help me plan a schedule for the next two weeks", "planning"],
      ["Explain how vaccines work, I want to understand the basics", "learning"],
      ["Brainstorm some ideas for a team offsite", "brainstorming"],
      ["Should I buy a Mac or a Windows laptop? Compare them", "decision_making"],
      ["Proofread my essay and give me feedback on the structure", "reviewing"],
      ["Quiz me with practice questions for my biology exam", "exam_prep"],
    ];
    for (const [query, scenario] of cases) assert.equal(inferScenario(query), scenario, query);
  });

  test("no cue gives others", () => {
    assert.equal(inferDomain("lorem ipsum dolor sit amet"), "others");
    assert.equal(inferScenario("lorem ipsum dolor sit amet"), "others");
    assert.equal(inferDomain(""), "others");
  });

  test("answers are always values of the bundled bank (or others)", () => {
    const bank = loadPersonaBank(BUNDLED_BANK);
    const values = (name: string) => new Set(bank.dimensions.find((d) => d.name === name)?.values ?? []);
    const domains = values("domain");
    const scenarios = values("scenario");
    for (const d of DOMAINS) assert.ok(domains.has(d), d);
    for (const s of SCENARIOS) assert.ok(scenarios.has(s), s);
    for (const q of seedQueries()) {
      assert.ok(domains.has(inferDomain(q.query)), q.id);
      const scenario = inferScenario(q.query);
      assert.ok(scenarios.has(scenario) || scenario === "others", q.id);
    }
  });

  test("the domain matches the bundled seed queries' labels most of the time", (t) => {
    const labelled = seedQueries().filter((q) => q.domain !== "others");
    const hits = labelled.filter((q) => inferDomain(q.query) === q.domain).length;
    t.diagnostic(
      `domain agreement on ${labelled.length} labelled seed queries: ${((100 * hits) / labelled.length).toFixed(1)}%`,
    );
    assert.ok(hits / labelled.length >= 0.7);
  });
});
