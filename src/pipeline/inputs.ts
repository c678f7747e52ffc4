import type { Config } from "../config/schema.js";
import { readTemplate } from "../llm/template.js";
import { loadStrategyFile, type StrategyFile } from "../noise/strategy-config.js";
import { loadPersonaBank, type PersonaBank } from "../persona/bank.js";
import { loadSamplingConfig, type SamplingConfig } from "../persona/sampling-config.js";
import { dataPath } from "../util/data-path.js";

/** Prompt templates of every operation: the configured files, else the bundled ones in data/prompts. */
export interface Templates {
  formulate: string;
  styleFull: string;
  stylePartial: string;
  judgeMeaning: string;
  userFeedback: string;
  intentExtraction: string;
  noiseGeneration: string;
  paraphrase: string;
  resolveOthers: string;
  judgeConversation: string;
}

/** Everything a run reads besides the seed queries, loaded and validated once. */
export interface RunInputs {
  bank: PersonaBank;
  bankPath: string;
  sampling: SamplingConfig;
  samplingPath: string;
  strategies: StrategyFile;
  strategiesPath: string;
  templates: Templates;
}

export function loadRunInputs(config: Config): RunInputs {
  const bankPath = config.paths.persona_bank.persona ?? dataPath("persona_bank.yaml");
  const samplingPath = config.paths.sampling.config ?? dataPath("sampling_config.yaml");
  const strategiesPath = config.distractor.strategy_path ?? dataPath("distractor_strategy.yaml");
  return {
    bank: loadPersonaBank(bankPath),
    bankPath,
    sampling: loadSamplingConfig(samplingPath),
    samplingPath,
    strategies: loadStrategyFile(strategiesPath),
    strategiesPath,
    templates: loadTemplates(config),
  };
}

/** Every operation's prompt template: the configured file, else the bundled one. */
export function loadTemplates(config: Config): Templates {
  const template = (configured: string | undefined, bundled: string, what: string) =>
    readTemplate(configured ?? dataPath("prompts", bundled), what);
  return {
    formulate: template(
      config.formulation.system_prompt_template,
      "persona_to_system_prompt.txt",
      "system prompt",
    ),
    styleFull: template(
      config.query_generation.style_transfer.template,
      "query_style_transfer.txt",
      "style transfer",
    ),
    stylePartial: template(
      config.query_generation.style_transfer.partial_template,
      "query_style_transfer_partial.txt",
      "partial style transfer",
    ),
    judgeMeaning: template(undefined, "judge_meaning.txt", "meaning check"),
    userFeedback: template(
      config.interaction_generation.user_model.system_prompt_template,
      "user_feedback.txt",
      "user simulator",
    ),
    intentExtraction: template(
      config.distractor.intent_extraction_template,
      "intent_extraction.txt",
      "intent extraction",
    ),
    noiseGeneration: template(
      config.distractor.noise_generation_template,
      "noise_generation.txt",
      "noise generation",
    ),
    paraphrase: template(
      config.distractor.paraphrase_template ?? config.distractor.llm?.template,
      "paraphrase.txt",
      "paraphrase",
    ),
    resolveOthers: template(undefined, "resolve_others.txt", "resolve others"),
    judgeConversation: template(config.judge.template, "judge_conversation.txt", "conversation judge"),
  };
}
