import type { Config } from "../config/schema.js";
import { PersonasynthError } from "../errors.js";
import type { LlmService } from "../llm/llm-service.js";
import type { ModelRef } from "../llm/model-ref.js";
import type { PersonaFeatures } from "../persona/persona.js";
import { createRng, type RunSeed } from "../rng/random.js";
import { computedOnce } from "../util/computed-once.js";
import { type Edit, toCodePointEdits } from "./edits.js";
import { chooseLayer, chooseStrategies, type StrategyChance, shouldActivate } from "./layer-selection.js";
import { applyRuleNoise, type RuleSpec } from "./rule-noise.js";
import { offlineExtractIntent } from "./semantic/offline.js";
import {
  addNoiseOperation,
  type ExtractedIntent,
  extractIntentOperation,
  paraphraseOperation,
} from "./semantic/operations.js";
import { LAYERS, type LayerName, type StrategyFile } from "./strategy-config.js";

/**
 * One noisy rendering as the Interaction record stores it (the seed's item shape plus details).
 *
 * - `noise_type` / `layer`: the semantic layer (`surface_noise`, `incomplete_info`,
 *   `semantic_ambiguity`) or `rule_based`, only when one of its strategies applied; `noise_type` is
 *   `skipped` when the text was left clean (then `chosen_layer` and `reason` say how far it got).
 * - `noise_intensity`: as in the original tool: the layer's index (1, 2, 3) for semantic noise, 0
 *   when skipped; for rule-based noise the highest configured intensity among the rules applied.
 * - `applied_strategies`: exactly the strategies whose changes are in `noisy_text`.
 * - `skipped_strategies`: the layer's strategies (drawn or not) that could not apply to this text
 *   (known for the offline engine and rule noise; a model is taken to apply what it is asked).
 * - `replacements`: with `distractor.replace_inapplicable`, each drawn strategy that could not apply
 *   and the undrawn one applied in its place.
 * - `edits`: every change, in order, each positioned by Unicode code point in the text as it was
 *   after the edits before it (replay: `applyCodePointEdits`), its `strategy` one of
 *   `applied_strategies` (and its `rule` when a surface strategy used a rule of another name).
 */
export interface NoiseVersion {
  noisy_text: string;
  noise_type: string;
  noise_intensity: number;
  applied_strategies: string[];
  layer?: string;
  chosen_layer?: string;
  skipped_strategies?: string[];
  edits?: Edit[];
  [extra: string]: unknown;
}

/** The full semantic result, kept in the interaction's metadata like the original tool did. */
export interface SemanticNoiseResult {
  original_text: string;
  noisy_text: string;
  layer: string;
  layer_index: number;
  applied_strategies: string[];
  extracted_semantics: ExtractedIntent | null;
  metadata: Record<string, unknown>;
}

export interface NoiseOutcome {
  /** The text the assistant sees. */
  text: string;
  applied: boolean;
  version: NoiseVersion;
  semantic: SemanticNoiseResult;
}

/** The original tool's default rule list, used when `use_semantic` is false and none is configured. */
export const DEFAULT_RULES: readonly RuleSpec[] = [
  { name: "typo", probability: 0.3, intensity: 0.1 },
  { name: "word_swap", probability: 0.2, num_swaps: 1 },
  { name: "word_insertion", probability: 0.2, insertion_rate: 0.05 },
];

export interface DistractorOptions {
  config: Config;
  strategyFile: StrategyFile;
  llm: LlmService;
  model: ModelRef;
  /** The model of the LLM `paraphrase` rule; undefined when that step is switched off. */
  paraphraseModel?: ModelRef | undefined;
  runSeed: RunSeed;
  templates: { intentExtraction: string; noiseGeneration: string; paraphrase: string };
}

/**
 * Stage 5: turns a clean user text into the noisy one the assistant sees, gated by
 * `activation_probability`, with the three-layer semantic model (LLM or offline templates) or the
 * rule-based strategies. Every decision is seeded by the item and the turn.
 */
export class Distractor {
  private readonly extract;
  private readonly addNoise;
  private readonly paraphrase;
  private readonly chances = new Map<LayerName, Readonly<Record<string, StrategyChance>>>();

  constructor(private readonly options: DistractorOptions) {
    this.extract = extractIntentOperation(options.templates.intentExtraction);
    this.addNoise = addNoiseOperation(options.templates.noiseGeneration, options.strategyFile);
    this.paraphrase = paraphraseOperation(options.templates.paraphrase);
  }

  /** Each layer's strategies with their chances, read from the strategy file once per layer. */
  private chancesOf(layer: LayerName): Readonly<Record<string, StrategyChance>> {
    return computedOnce(this.chances, layer, (name) =>
      Object.fromEntries(
        Object.entries(this.options.strategyFile.strategies[name]).map(([strategy, s]) => [
          strategy,
          { probability: s.probability ?? 0, mandatory: s.mandatory },
        ]),
      ),
    );
  }

  /** The operations it runs (the run loads their offline implementations ahead). */
  get operations() {
    return [this.extract, this.addNoise, this.paraphrase] as const;
  }

  /** Whether this kind of user text is noised at all (`enabled` and `apply_to`). */
  appliesTo(kind: "initial_query" | "follow_up_feedback"): boolean {
    const d = this.options.config.distractor;
    return d.enabled && (kind === "initial_query" ? d.apply_to.initial_query : d.apply_to.follow_up_feedback);
  }

  /**
   * `memo`: the conversation's memo, when the text is one of its messages: the offline engine reads
   * a clean message there once for the noise and the simulated user (else a memo per text).
   */
  async apply(
    text: string,
    features: PersonaFeatures,
    itemId: string,
    turn: number,
    signal?: AbortSignal,
    memo?: Map<string, unknown>,
  ): Promise<NoiseOutcome> {
    const seed = this.options.runSeed;
    const purpose = `noise:${turn}`;
    if (
      !shouldActivate(
        this.options.config.distractor.activation_probability,
        createRng(seed, itemId, `${purpose}:activate`),
      )
    ) {
      return skipped(text, "activation_probability_check_failed");
    }
    return this.options.config.distractor.use_semantic
      ? this.semantic(text, features, itemId, turn, signal, memo ?? new Map())
      : this.rules(text, features, itemId, turn, signal);
  }

  private async rules(
    text: string,
    features: PersonaFeatures,
    itemId: string,
    turn: number,
    signal?: AbortSignal,
  ): Promise<NoiseOutcome> {
    const purpose = `noise:${turn}`;
    const specs =
      (this.options.config.distractor.noise_strategies as RuleSpec[] | undefined) ?? DEFAULT_RULES;
    const result = applyRuleNoise(text, {
      strategies: specs,
      rng: createRng(this.options.runSeed, itemId, `${purpose}:rules`),
      persona: features,
    });
    let noisy = result.noisy_text;
    const applied = [...result.applied_strategies];
    // The original tool's `paraphrase` rule is an LLM rewrite (its distractor_noise.txt template);
    // offline it changes nothing, and the rule edits before it stay recorded.
    const paraphrase = specs.find((s) => s.name === "paraphrase");
    const paraphraseModel = this.options.paraphraseModel;
    if (paraphrase && paraphraseModel && !this.options.llm.isOffline(paraphraseModel)) {
      const chance = createRng(this.options.runSeed, itemId, `${purpose}:paraphrase`).chance(
        paraphrase.probability ?? 0.3,
      );
      if (chance) {
        const answer = await this.options.llm.run(
          this.paraphrase,
          { text: noisy, noiseType: "paraphrase" },
          { model: paraphraseModel, itemId, sampleIndex: 100 + turn, ...(signal ? { signal } : {}) },
        );
        if (answer.output.trim() !== "" && answer.output !== noisy) {
          noisy = answer.output;
          applied.push("paraphrase");
        }
      }
    }
    if (applied.length === 0 || noisy === text)
      return skipped(text, "no_strategy_applied", { layer: "rule_based", skipped: result.not_applicable });
    // After a paraphrase the rule edits no longer line up with the text: they are dropped.
    const edits = applied.includes("paraphrase") ? undefined : result.edits;
    return outcome(
      text,
      noisy,
      "rule_based",
      0,
      applied,
      null,
      edits,
      { mode: "rule_based" },
      {
        intensity: result.intensity,
        skipped: result.not_applicable,
      },
    );
  }

  private async semantic(
    text: string,
    features: PersonaFeatures,
    itemId: string,
    turn: number,
    signal: AbortSignal | undefined,
    memo: Map<string, unknown>,
  ): Promise<NoiseOutcome> {
    const file = this.options.strategyFile;
    const seed = this.options.runSeed;
    const layer = chooseLayer(file.layer_weights, createRng(seed, itemId, `noise:${turn}:layer`));
    const available = file.strategies[layer];
    const strategies = chooseStrategies(
      this.chancesOf(layer),
      createRng(seed, itemId, `noise:${turn}:strategies`),
    );
    // Strategies are drawn at their configured rates: none drawn, no noise. A model is not called
    // then; the offline engine still says which strategies could have applied (for the rates).
    if (strategies.length === 0 && !this.options.llm.isOffline(this.options.model))
      return skipped(text, "no_strategy_drawn", { layer, skipped: [] });
    const ctx = { model: this.options.model, itemId, sampleIndex: turn, ...(signal ? { signal } : {}) };
    // The offline engine reads the text once for both steps (see noiseReadings).
    let semantics: ExtractedIntent;
    let fallback = false;
    try {
      semantics = (await this.options.llm.run(this.extract, { text, memo }, ctx)).output;
    } catch (error) {
      if (
        !(error instanceof PersonasynthError) ||
        error.code === "PROVIDER_AUTH" ||
        error.code === "BUDGET_EXCEEDED" ||
        error.code === "INTERRUPTED"
      )
        throw error;
      semantics = offlineExtractIntent(text); // heuristic fallback: the noise step can still run
      fallback = true;
    }
    const answer = await this.options.llm.run(
      this.addNoise,
      {
        text,
        semantics,
        layer,
        strategies,
        layerStrategies: Object.keys(available),
        replaceInapplicable: this.options.config.distractor.replace_inapplicable,
        features,
        memo,
      },
      ctx,
    );
    const out = answer.output;
    // The offline engine says what it applied (possibly nothing); a model that does not say is
    // taken to have applied what it was asked to.
    const applied = out.applied_strategies ?? strategies;
    const notApplicable = out.not_applicable ?? [];
    if (applied.length === 0 || out.noisy_text === text)
      return skipped(text, strategies.length === 0 ? "no_strategy_drawn" : "no_strategy_applied", {
        layer,
        skipped: notApplicable,
      });
    return outcome(
      text,
      out.noisy_text,
      layer,
      LAYERS.indexOf(layer) + 1,
      applied,
      semantics,
      out.edits,
      {
        requested_strategies: strategies,
        ...(out.replacements ? { replacements: out.replacements } : {}),
        provider: answer.provider,
        model: answer.model,
        ...(fallback ? { intent_fallback: "heuristic" } : {}),
      },
      {
        intensity: LAYERS.indexOf(layer) + 1,
        skipped: notApplicable,
        ...(out.replacements ? { replacements: out.replacements } : {}),
      },
    );
  }
}

/**
 * No noise for this text. `chosen` says which layer was chosen (`chosen_layer`: no `layer` label,
 * since nothing of it was applied) and which of its strategies could not apply, when the text got
 * that far: the statistics' per-strategy rates count it.
 */
function skipped(
  text: string,
  reason: string,
  chosen?: { layer: string; skipped: readonly string[] },
): NoiseOutcome {
  return {
    text,
    applied: false,
    version: {
      noisy_text: text,
      noise_type: "skipped",
      noise_intensity: 0,
      applied_strategies: [],
      ...(chosen ? { chosen_layer: chosen.layer, skipped_strategies: [...chosen.skipped], reason } : {}),
    },
    semantic: {
      original_text: text,
      noisy_text: text,
      layer: "skipped",
      layer_index: 0,
      applied_strategies: [],
      extracted_semantics: null,
      metadata: { reason },
    },
  };
}

function outcome(
  clean: string,
  noisy: string,
  layer: string,
  layerIndex: number,
  applied: string[],
  semantics: ExtractedIntent | null,
  edits: readonly Edit[] | undefined,
  metadata: Record<string, unknown>,
  record: {
    intensity: number;
    skipped: readonly string[];
    replacements?: ReadonlyArray<{ drawn: string; applied: string }>;
  },
): NoiseOutcome {
  const version: NoiseVersion = {
    noisy_text: noisy,
    noise_type: layer,
    noise_intensity: record.intensity,
    applied_strategies: applied,
    layer,
    ...(record.skipped.length > 0 ? { skipped_strategies: [...record.skipped] } : {}),
    ...(record.replacements ? { replacements: [...record.replacements] } : {}),
    ...(edits && edits.length > 0 ? { edits: toCodePointEdits(clean, edits) } : {}),
  };
  return {
    text: noisy,
    applied: true,
    version,
    semantic: {
      original_text: clean,
      noisy_text: noisy,
      layer,
      layer_index: layerIndex,
      applied_strategies: applied,
      extracted_semantics: semantics,
      metadata,
    },
  };
}
