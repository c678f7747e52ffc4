import { cpSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { ioError, UsageError } from "../../errors.js";
import { dataPath } from "../../util/data-path.js";
import { makeDirectory } from "../../util/make-directory.js";
import type { CliIo } from "../io.js";

const CONFIG = `# personasynth configuration — written by \`personasynth init\`.
# Every key is optional; delete what you do not need. Paths are relative to this file.
# Check it with: personasynth validate --config config.yaml

api:
  # offline: the built-in engine (no key, deterministic). For a real model, e.g.:
  #   provider: openai        # or anthropic, openrouter, or a name under providers:
  #   model: gpt-4o-mini
  #   api_key: \${OPENAI_API_KEY}
  provider: offline
  inference:
    temperature: 0.7
    max_completion_tokens: 1024

# providers:                 # your own OpenAI-compatible servers (vLLM, Ollama, llama.cpp, LM Studio)
#   local:
#     type: openai-compatible
#     base_url: http://127.0.0.1:8000/v1
#     max_concurrency: 16      # calls in flight on this endpoint, shared by its models
#     # models: {llama3: {max_concurrency: 4}}   # a model with slots of its own
#     structured_output: json_schema   # or json_object, or prompt for servers without it

llm:
  cache:
    enabled: true            # reruns replay finished calls for free
  max_attempts: 6
  timeout_ms: 120000
  # prices:                  # dollars per million tokens, by model
  #   gpt-4o-mini: {input: 0.15, output: 0.6}
  # budget_usd: 20           # stop cleanly (resumable) when reached

paths:
  persona_bank:
    persona: input/persona_bank.yaml
  sampling:
    config: input/sampling_config.yaml
  query_datasets:
    - input/seed_queries.jsonl
  persona_specs: {output_dir: output/personas}
  queries: {output_dir: output/queries}
  interactions: {output_dir: output/interactions}
  training_data: {output_dir: output/training_data}
  logs: {dir: output/logs}

persona_generation:
  num_personas: 20

formulation:
  system_prompt_template: input/prompts/persona_to_system_prompt.txt
  min_prompt_length: 50

query_generation:
  selection:
    strategy: random         # or round_robin
    queries_per_persona: 3
  style_transfer:
    enabled: true
    transfer_probability: 1.0
    prompt_type: full        # full, partial or mixed
    template: input/prompts/query_style_transfer.txt
    partial_template: input/prompts/query_style_transfer_partial.txt
    meaning_check:
      enabled: false
      threshold: 0.5

interaction_generation:
  min_turns: 2
  max_turns: 5
  max_workers: 32            # calls in flight for the whole run (--concurrency)
  assistant_model:
    use_system_prompt: true
    # model_pool:            # one assistant per conversation, drawn by weight
    #   - {provider: openai, model: gpt-4o-mini, weight: 0.5}
    #   - {provider: anthropic, model: claude-haiku-4-5, weight: 0.5}
  user_model:
    system_prompt_template: input/prompts/user_feedback.txt

distractor:
  enabled: true
  use_semantic: true         # three-layer semantic noise; false = rule-based noise_strategies
  activation_probability: 0.25
  strategy_path: input/distractor_strategy.yaml
  apply_to:
    initial_query: true
    follow_up_feedback: true

training_data:
  format:
    include_persona: true
    include_trajectory: true
    include_full_conversation: true
    include_distractor_versions: true
  split: {train: 0.8, validation: 0.1, test: 0.1}
  output_format: json        # or jsonl

experiment:
  seed: 42
  incremental: true
`;

/** `personasynth init [dir]`: a commented, working config plus copies of the bundled banks and templates. */
export function registerInit(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("init")
    .description("write a commented config.yaml and the bundled banks and templates into a directory")
    .argument("[dir]", "target directory", ".")
    .option("--force", "overwrite an existing config.yaml")
    .action((dir: string, options: { force?: boolean }) => {
      const target = resolve(io.cwd, dir);
      const configPath = join(target, "config.yaml");
      if (existsSync(configPath) && !options.force) {
        throw new UsageError(`${configPath} already exists`, { hint: "use --force to overwrite it" });
      }
      const input = join(target, "input");
      const kept: string[] = [];
      try {
        // Not mkdirSync(…, { recursive: true }): on /proc it spins forever (util/make-directory.ts).
        makeDirectory(join(input, "prompts"));
        const bundled = [
          "persona_bank.yaml",
          "sampling_config.yaml",
          "seed_queries.jsonl",
          "distractor_strategy.yaml",
          ...readdirSync(dataPath("prompts")).map((name) => join("prompts", name)),
        ];
        // --force is for config.yaml: a bank or template the user has edited is never replaced.
        for (const file of bundled) {
          if (existsSync(join(input, file))) kept.push(join("input", file));
          else cpSync(dataPath(file), join(input, file));
        }
        writeFileSync(configPath, CONFIG);
      } catch (error) {
        throw Object.assign(ioError("write the config and its input files", target, error), {
          hint: "choose a writable directory: personasynth init DIR",
        });
      }
      io.stdout(
        `wrote ${configPath} and input/ (persona bank, sampling config, seed queries, strategies, prompts)\n`,
      );
      if (kept.length > 0)
        io.stdout(
          `kept ${kept.length} input file${kept.length === 1 ? "" : "s"} already there: ${kept.slice(0, 3).join(", ")}${kept.length > 3 ? ` and ${kept.length - 3} more` : ""} (delete one to get the bundled version)\n`,
        );
      io.stdout(
        `next: personasynth validate --config ${shellWord(configPath)} && personasynth run --config ${shellWord(configPath)}\n`,
      );
      setExit(0);
    });
}

/** A path as a shell word: quoted when it holds anything but plain characters, so it can be pasted. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}
