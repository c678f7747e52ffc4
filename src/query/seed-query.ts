/**
 * One seed query read from a dataset, before selection and style transfer. Its `query_id` is stable:
 * the same file always gives the same ids, so "each query used at most once across runs" can be
 * checked against ids recorded by earlier runs.
 */
export interface SeedQuery {
  /** `<dataset>:<row id>` when the row carries an `id`/`query_id`/`uuid`, else `hash:<12 hex of sha1(text)>`. */
  query_id: string;
  /** The query text, trimmed (see `extractSeedFields` for which field it comes from). */
  text: string;
  /** The dataset name: the source's `name`, or the file's base name without its extension. */
  source_dataset: string;
  /** From a `domain` or `category` field, when the row has one. */
  domain?: string;
  /**
   * 1-based position in the source: the line for JSONL, the line where the record starts for CSV/TSV
   * (the header is line 1), the element for a JSON array, the row for Parquet.
   */
  row: number;
}
