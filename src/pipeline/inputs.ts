import type { Config } from "../config/schema.js";
import { readTemplate } from "../llm/template.js";
import { loadStrategyFile, type StrategyFile } from "../noise/strategy-config.js";
import { loadPersonaBank, type PersonaBank } from "../persona/bank.js";
import { loadSamplingConfig, type SamplingConfig } from "../persona/sampling-config.js";
import { bundledSeedSource } from "../query/bundled-bank.js";
import type { SeedSource } from "../query/load-dataset.js";
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

/**
 * The files a run reads besides the seed datasets, by role: the configured ones, else the bundled ones
 * in data/. One list for loading them and for fingerprinting their content (generation.ts).
 */
export function inputFiles(config: Config): Record<InputRole, string> {
  const prompt = (configured: string | undefined, bundled: string) =>
    configured ?? dataPath("prompts", bundled);
  return {
    bank: config.paths.persona_bank.persona ?? dataPath("persona_bank.yaml"),
    sampling: config.paths.sampling.config ?? dataPath("sampling_config.yaml"),
    strategies: config.distractor.strategy_path ?? dataPath("distractor_strategy.yaml"),
    formulate: prompt(config.formulation.system_prompt_template, "persona_to_system_prompt.txt"),
    styleFull: prompt(config.query_generation.style_transfer.template, "query_style_transfer.txt"),
    stylePartial: prompt(
      config.query_generation.style_transfer.partial_template,
      "query_style_transfer_partial.txt",
    ),
    judgeMeaning: prompt(undefined, "judge_meaning.txt"),
    userFeedback: prompt(
      config.interaction_generation.user_model.system_prompt_template,
      "user_feedback.txt",
    ),
    intentExtraction: prompt(config.distractor.intent_extraction_template, "intent_extraction.txt"),
    noiseGeneration: prompt(config.distractor.noise_generation_template, "noise_generation.txt"),
    paraphrase: prompt(
      config.distractor.paraphrase_template ?? config.distractor.llm?.template,
      "paraphrase.txt",
    ),
    resolveOthers: prompt(undefined, "resolve_others.txt"),
    judgeConversation: prompt(config.judge.template, "judge_conversation.txt"),
  };
}

/** What each input file is for: the bank, the sampling config, the strategy file, or a template. */
export type InputRole = "bank" | "sampling" | "strategies" | keyof Templates;

export function loadRunInputs(config: Config): RunInputs {
  const files = inputFiles(config);
  return {
    bank: loadPersonaBank(files.bank),
    bankPath: files.bank,
    sampling: loadSamplingConfig(files.sampling),
    samplingPath: files.sampling,
    strategies: loadStrategyFile(files.strategies),
    strategiesPath: files.strategies,
    templates: loadTemplates(config),
  };
}

/** Every operation's prompt template: the configured file, else the bundled one. */
export function loadTemplates(config: Config): Templates {
  const files = inputFiles(config);
  const template = (role: keyof Templates, what: string) => readTemplate(files[role], what);
  return {
    formulate: template("formulate", "system prompt"),
    styleFull: template("styleFull", "style transfer"),
    stylePartial: template("stylePartial", "partial style transfer"),
    judgeMeaning: template("judgeMeaning", "meaning check"),
    userFeedback: template("userFeedback", "user simulator"),
    intentExtraction: template("intentExtraction", "intent extraction"),
    noiseGeneration: template("noiseGeneration", "noise generation"),
    paraphrase: template("paraphrase", "paraphrase"),
    resolveOthers: template("resolveOthers", "resolve others"),
    judgeConversation: template("judgeConversation", "conversation judge"),
  };
}

/** The seed datasets of the config, or the bundled bank. */
export function seedSources(config: Config): SeedSource[] {
  const sources: SeedSource[] = config.paths.query_datasets.map((entry) =>
    typeof entry === "string"
      ? { path: entry }
      : {
          path: entry.path,
          ...(entry.name ? { name: entry.name } : {}),
          ...(entry.format ? { format: entry.format } : {}),
          ...(entry.max_queries ? { maxQueries: entry.max_queries } : {}),
        },
  );
  const dataset = config.query_generation.dataset;
  if (dataset.path) {
    sources.push({
      path: dataset.path,
      ...(dataset.name ? { name: dataset.name } : {}),
      ...(dataset.max_queries ? { maxQueries: dataset.max_queries } : {}),
    });
  }
  return sources.length > 0 ? sources : [bundledSeedSource()];
}
