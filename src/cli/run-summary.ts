import type { Config } from "../config/schema.js";
import type { PipelineResult } from "../pipeline/pipeline.js";
import { plural } from "../util/plural.js";
import { renderExport } from "./export-summary.js";
import { table } from "./io.js";
import { compact, money } from "./progress-line.js";

type Stages = Config["experiment"]["stages"];

/**
 * What a run did, stage by stage: the conversations (requested, produced, from before, failed), or
 * with only some stages on, what those did — never "produced 0 (+9 from before)" for a stage that
 * did not run; then calls, tokens and cost, the export, the failures and the log.
 */
export function renderSummary(result: PipelineResult, stages: Stages, logPath: string | undefined): string {
  const s = result.summary;
  const run = `run ${result.plan_id}${result.resumed ? " (resumed)" : ""}`;
  const fromBefore = s.already_done ? ` (+${s.already_done} from before)` : "";
  const lines: string[] = [];
  if (stages.interaction_generation) {
    lines.push(
      `${run}: requested ${s.requested}, produced ${s.produced}${fromBefore}, failed ${s.failed}, ${s.seconds} s, generation ${result.generation}`,
    );
  } else {
    const done: string[] = [];
    if (stages.persona_generation)
      done.push(
        `${plural(result.personas.length, "persona")} ${result.resumed ? "in the saved plan" : "sampled and stored"}, ${plural(s.requested, "item")} planned`,
      );
    if (stages.query_generation)
      done.push(`${plural(s.items_done, "query", "queries")} styled${fromBefore}, failed ${s.failed}`);
    done.push("no conversation was run (stage interactions is off)");
    lines.push(`${run}: ${done.join("; ")}, ${s.seconds} s`);
  }
  if (s.calls > 0)
    lines.push(
      `calls ${s.calls} (api ${s.api_calls}, cached ${s.cache_hits}), tokens ${compact(s.input_tokens)} in${s.cached_input_tokens > 0 ? ` (${compact(s.cached_input_tokens)} from the prompt cache)` : ""} / ${compact(s.output_tokens)} out, cost ${money(s.cost_usd)}`,
    );
  const td = result.training_data;
  if (td.statistics && td.stats_file && td.manifest) {
    lines.push(`exported ${td.total_samples} samples (the whole store) to ${result.paths.trainingData}:`);
    const exported = {
      statistics: td.statistics,
      formats: td.formats,
      stats_file: td.stats_file,
      manifest: td.manifest,
    };
    lines.push(renderExport(exported, result.paths.trainingData, { token_usage: td.usage_file }).trimEnd());
    const others = Object.entries(result.other_generations);
    if (others.length > 0) {
      const count = others.reduce((n, [, c]) => n + c, 0);
      lines.push(
        `note: the store also holds ${count} samples of ${others.length} other generation(s) (${others.map(([g, c]) => `${g} ${c}`).join(", ")}), made with another configuration; to export only this one: personasynth export --store ${result.paths.interactions} --generation ${result.generation}`,
      );
    }
  } else if (stages.training_data_export) {
    lines.push("nothing exported");
  }
  if (result.failures.length > 0) {
    lines.push(
      `${result.failures.length} item(s) failed; rerun the same command to retry them. Reasons: ${result.paths.runs}/${result.plan_id}/failures.json`,
    );
  }
  if (logPath) lines.push(`log: ${logPath}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The dry run's table (calls, tokens and cost per operation and model), its notes, and the warnings
 * worth a line on stderr: an estimate above `llm.budget_usd`, or a budget that no price lets count.
 */
export function renderDryRun(
  result: PipelineResult,
  budgetUsd: number | undefined,
): { text: string; warnings: string[] } {
  const e = result.estimate;
  if (!e) return { text: "nothing planned\n", warnings: [] };
  const cost = (usd: number) => (e.priced ? money(usd) : "-");
  const rows = [
    ["STAGE", "OPERATION", "MODEL", "CALLS", "IN TOKENS", "CACHED IN", "OUT TOKENS", "COST"],
    ...e.rows.map((r) => [
      r.stage,
      r.operation,
      `${r.provider}/${r.model}`,
      String(r.calls),
      compact(r.input_tokens),
      compact(r.cached_input_tokens),
      compact(r.output_tokens),
      cost(r.cost_usd),
    ]),
    [
      "total",
      "",
      "",
      String(e.total.calls),
      compact(e.total.input_tokens),
      compact(e.total.cached_input_tokens),
      compact(e.total.output_tokens),
      cost(e.total.cost_usd),
    ],
  ];
  const warnings: string[] = [];
  if (budgetUsd !== undefined && e.priced && e.total.cost_usd > budgetUsd)
    warnings.push(
      `the estimated cost ${money(e.total.cost_usd)} exceeds llm.budget_usd (${money(budgetUsd)}): the run would stop at the budget (resumable); raise it or run fewer personas`,
    );
  if (budgetUsd !== undefined && !e.priced && e.total.calls > 0)
    warnings.push(
      `llm.budget_usd is set but no price is (llm.prices): nothing counts against the budget, so it cannot stop the run`,
    );
  const head = `dry run of ${result.plan_id}: ${plural(result.personas.length, "persona")}, ${plural(result.queries, "item")}, ${e.items} to run (nothing was called or written)`;
  const notes = e.notes.map((n) => `note: ${n}\n`).join("");
  return { text: `${head}\n${table(rows)}\n${notes}`, warnings };
}
