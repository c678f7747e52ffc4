import { ConfigError, type ConfigIssue } from "../errors.js";
import type { LibraryEvent } from "../events.js";
import { datasetName, type LoadSeedOptions, loadSeedQueries, type SeedSource } from "./load-dataset.js";
import { type DatasetLoadReport, type LoadReport, whyNothingLoaded } from "./load-report.js";
import type { SeedQuery } from "./seed-query.js";
import { SeenQueries } from "./seen-queries.js";
import { TEXT_FIELDS } from "./text-fields.js";

/** The queries of every dataset, with what happened to each dataset. */
export interface LoadedQueries {
  queries: SeedQuery[];
  report: LoadReport;
}

/** Options for {@link loadAllSeedQueries}: those of `loadSeedQueries`, with duplicates tracked across datasets. */
export type LoadAllOptions = Omit<LoadSeedOptions, "seen"> & {
  /** Stop once this many queries are loaded over all datasets; later datasets are not read. */
  maxQueries?: number;
};

/**
 * Loads several datasets in order into one list; a text (or id) already loaded from an earlier row or
 * dataset is skipped as a duplicate, so the first occurrence wins. The report counts, per dataset,
 * rows seen, queries loaded and rows skipped by reason, with the first problems as examples.
 * Throws a ConfigError (exit code 2) when no dataset yields any query (naming each file and why), and
 * when two datasets share a name (their ids would collide: give one a `name`). A dataset that cannot
 * be read as a whole (a missing file, a JSON document that does not parse, a corrupt Parquet file)
 * stops the load with its own error, naming the file.
 */
export async function loadAllSeedQueries(
  sources: readonly SeedSource[],
  options: LoadAllOptions = {},
): Promise<LoadedQueries> {
  checkNames(sources);
  const { maxQueries: cap, ...loadOptions } = options;
  const seen = new SeenQueries();
  const queries: SeedQuery[] = [];
  const datasets: DatasetLoadReport[] = [];
  // Each dataset's summary is held until the end: when nothing loads, the error says it all once.
  const held: LibraryEvent[] = [];
  for (const source of sources) {
    const left = cap === undefined ? undefined : cap - queries.length;
    if (left !== undefined && left <= 0) break;
    const capped =
      left === undefined ? source : { ...source, maxQueries: Math.min(source.maxQueries ?? left, left) };
    const loading = loadSeedQueries(capped, { ...loadOptions, seen, events: (event) => held.push(event) });
    for (;;) {
      const next = await loading.next();
      if (next.done) {
        datasets.push(next.value);
        break;
      }
      queries.push(next.value);
    }
  }
  if (queries.length === 0) {
    const why = datasets.map(whyNothingLoaded);
    if (datasets.length === 1 && why[0]) {
      throw new ConfigError(`no seed query could be loaded: ${why[0].reason}`, [], {
        where: (datasets[0] as DatasetLoadReport).path,
        hint: why[0].hint,
      });
    }
    const issues: ConfigIssue[] = datasets.map((d, i) => ({
      severity: "error",
      path: "",
      message: why[i]?.reason ?? "",
      file: d.path,
    }));
    const what = sources.length === 0 ? "no seed query datasets were given" : "no seed query could be loaded";
    throw new ConfigError(what, issues, {
      hint: `a row's text comes from one of: ${TEXT_FIELDS.join(", ")}, or a ShareGPT conversation`,
    });
  }
  for (const event of held) loadOptions.events?.(event);
  return { queries, report: { datasets, total: queries.length } };
}

function checkNames(sources: readonly SeedSource[]): void {
  const byName = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const source of sources) {
    const name = datasetName(source);
    const earlier = byName.get(name);
    if (earlier !== undefined) {
      issues.push({
        severity: "error",
        path: "",
        message: `dataset name "${name}" is also used by ${earlier}; query ids would collide (give one a name)`,
        file: source.path,
      });
    } else byName.set(name, source.path);
  }
  if (issues.length > 0) throw new ConfigError("two seed datasets share a name", issues);
}
