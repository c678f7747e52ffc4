/**
 * personasynth — persona-driven training data for LLMs.
 *
 * The public API: the Training Data API classes of the seed (TrainingSample, TrainingDataCollector,
 * TrainingDataExporter), the dataset export in every format (exportDataset), the interaction store,
 * configuration loading, and the types they use.
 */

export {
  type LoadedConfig,
  type LoadOptions,
  loadConfig,
  parseConfigText,
  resolveConfig,
} from "./config/load.js";
export type { Config, ConfigInput } from "./config/schema.js";
export {
  BudgetExceededError,
  ConfigError,
  type ConfigIssue,
  DataError,
  type ErrorCode,
  formatIssue,
  InternalError,
  InterruptedError,
  PersonasynthError,
  ProviderError,
  StoreError,
  UsageError,
} from "./errors.js";
export type { EventSink, LibraryEvent } from "./events.js";
export { type ChatMessage, type ChatOptions, chatMessages } from "./export/chat.js";
export {
  type DatasetExport,
  type DatasetExportOptions,
  type ExportPass,
  exportDataset,
  type SampleSource,
} from "./export/export-dataset.js";
export { LATEST_MANIFEST, type LatestManifest } from "./export/export-files.js";
export type { FormatFiles, FormatSkipHandler } from "./export/format-writer.js";
export { EXPORT_FORMATS, type ExportFormat } from "./export/formats.js";
export { DEFAULT_PARQUET_SIZES, type ParquetSizes } from "./export/parquet.js";
export type { TrajectoryRow, TrajectoryTurn } from "./export/trajectories.js";
export {
  type ImportCounts,
  type ImportReport,
  type ImportTarget,
  importOriginalOutput,
} from "./import/import-original.js";
export type { SkippedFile } from "./import/original-layout.js";
export {
  type Interaction,
  type InteractionInput,
  InteractionSchema,
  type Message,
  TERMINATION_REASONS,
  type TerminationReason,
} from "./interaction/record.js";
export { InteractionStorage, type StorageOptions } from "./interaction/storage.js";
export { generationFingerprint, NOT_SHAPING_DATA } from "./pipeline/generation.js";
export {
  EnhancedPersonaGenerationPipeline,
  type PipelineOptions,
  type PipelineResult,
  type RunRequest,
} from "./pipeline/pipeline.js";
export {
  DEFAULT_REPORT_SAMPLES,
  type ReportOptions,
  type ReportResult,
  type ReportSources,
  writeReport,
} from "./report/report.js";
export { createRng, Rng } from "./rng/random.js";
export { type SkipHandler, TrainingDataCollector } from "./training/collector.js";
export {
  type ExportedFiles,
  type ExportOptions,
  type ExportResult,
  TrainingDataExporter,
} from "./training/exporter.js";
export type { NoisyTrajectoryItem, NoisyVersion } from "./training/noisy.js";
export { type ConversationMessage, TrainingSample, type TrainingSampleDict } from "./training/sample.js";
export {
  preferredSplit,
  SPLIT_NAMES,
  SplitAssigner,
  type SplitName,
  type SplitRatios,
} from "./training/split.js";
export type { DatasetStatistics } from "./training/statistics.js";
export { type Clock, fixedClock, systemClock } from "./util/clock.js";
