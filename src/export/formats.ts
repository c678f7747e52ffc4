/** Every format `export` writes, in the order their files are listed. */
export const EXPORT_FORMATS = ["json", "jsonl", "parquet", "openai", "sharegpt", "trajectories"] as const;

/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
