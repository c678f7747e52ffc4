import type { Config } from "../config/schema.js";
import { assistantOperation } from "../interaction/assistant-operation.js";
import type { RecordSink } from "../interaction/storage.js";
import { userTurnOperation } from "../interaction/user-simulator-operation.js";
import type { LlmService } from "../llm/llm-service.js";
import { assistantModelFor } from "../llm/model-pool.js";
import { type ModelRef, modelRef } from "../llm/model-ref.js";
import { DEFAULT_REFUSAL_PHRASES, formulateOperation } from "../persona/formulate-operation.js";
import { judgeOperation } from "../quality/judge-operation.js";
import { judgeMeaningOperation } from "../query/judge-meaning-operation.js";
import { styleTransferOperation } from "../query/style-transfer-operation.js";
import type { RunSeed } from "../rng/random.js";
import type { Clock } from "../util/clock.js";
import type { ItemDeps, QueryRecord } from "./execute-item.js";
import type { RunInputs } from "./inputs.js";
import type { PlanItem, PlannedPersona } from "./plan.js";
import { type SystemPromptResult, SystemPrompts } from "./system-prompts.js";

/** What the items of a run are built from: config, inputs, the service, and what earlier runs stored. */
export interface ItemDepsSources {
  config: Config;
  /** The generation fingerprint of `config` (generation.ts), stamped on every record. */
  generation: string;
  inputs: RunInputs;
  llm: LlmService;
  clock: Clock;
  runSeed: RunSeed;
  personas: ReadonlyMap<string, PlannedPersona>;
  /** The items this run executes. */
  items: readonly PlanItem[];
  /** System prompts already stored, by persona id. */
  storedPrompts: Map<string, SystemPromptResult>;
  /** Query records this generation already stored, by item id. */
  storedQueries: ReadonlyMap<string, QueryRecord>;
  promptStore: RecordSink;
  queryStore: RecordSink;
}

/**
 * The operations, models and stores every item of a run uses, from sources already loaded (the
 * pipeline reads the stores; this only assembles). The noise modules are loaded only for a run that
 * applies noise.
 */
export async function buildItemDeps(sources: ItemDepsSources): Promise<ItemDeps> {
  const { config, inputs, llm, runSeed } = sources;
  const t = inputs.templates;
  const f = config.formulation;
  const formulate = formulateOperation({
    template: t.formulate,
    validate: f.validate_output,
    minLength: f.min_prompt_length,
    refusalPhrases: f.refusal_phrases ?? DEFAULT_REFUSAL_PHRASES,
  });
  const systemPrompts =
    config.experiment.stages.persona_generation && f.enabled
      ? new SystemPrompts(
          sources.generation,
          sources.promptStore,
          sources.storedPrompts,
          llm,
          formulate,
          modelRef(config, f.model),
          sources.items.map((item) => item.persona_id),
        )
      : undefined;
  const styleEnabled = config.experiment.stages.query_generation;
  const style = config.query_generation.style_transfer;
  const distractor =
    config.experiment.stages.distractor_application && config.distractor.enabled
      ? new (await import("../noise/distractor.js")).Distractor({
          config,
          strategyFile: inputs.strategies,
          llm,
          model: modelRef(config, config.distractor.model),
          paraphraseModel: paraphraseModel(config),
          runSeed,
          templates: {
            intentExtraction: t.intentExtraction,
            noiseGeneration: t.noiseGeneration,
            paraphrase: t.paraphrase,
          },
        })
      : undefined;
  const userOp = userTurnOperation(t.userFeedback);
  const userModel = modelRef(config, config.interaction_generation.user_model);
  const valuesOf = (name: string) =>
    new Set(inputs.bank.dimensions.find((d) => d.name === name)?.values ?? []);
  const styleTransfer = styleTransferOperation({ full: t.styleFull, partial: t.stylePartial });
  const judge = judgeMeaningOperation(t.judgeMeaning);
  const conversationJudge = config.judge.enabled
    ? { op: judgeOperation(t.judgeConversation), model: modelRef(config, config.judge.model) }
    : undefined;
  await llm.prepareOffline([
    formulate,
    styleTransfer,
    judge,
    userOp,
    assistantOperation,
    conversationJudge?.op,
    ...(distractor?.operations ?? []),
  ]);
  return {
    config,
    generation: sources.generation,
    llm,
    clock: sources.clock,
    personas: sources.personas,
    systemPrompts,
    styleTransfer,
    judge,
    styleModel: modelRef(config, style.model),
    judgeModel: modelRef(config, style.meaning_check.model, style.model),
    queryStore: sources.queryStore,
    storedQueries: styleEnabled ? sources.storedQueries : new Map(),
    domains: valuesOf("domain"),
    scenarios: valuesOf("scenario"),
    converse: config.experiment.stages.interaction_generation,
    conversationJudge,
    conversation: (item: PlanItem) => ({
      config,
      llm,
      assistant: assistantModelFor(config, runSeed, item.interaction_id),
      userModel,
      userOp,
      assistantOp: assistantOperation,
      distractor,
    }),
  };
}

/** The model of the LLM `paraphrase` rule: `distractor.llm` (the original tool's), else `distractor.model`. */
function paraphraseModel(config: Config): ModelRef | undefined {
  const { llm, model } = config.distractor;
  return llm?.enabled === false ? undefined : modelRef(config, llm, model);
}
