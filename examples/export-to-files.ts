// Seed example "Export to Files": all samples to one file, then a train/validation/test split, then statistics.
// Run: npx tsx examples/export-to-files.ts [store-dir] [output-dir]
import { InteractionStorage, TrainingDataCollector, TrainingDataExporter } from "../src/index.js";

const storeDir = process.argv[2] ?? new URL("./data/interactions", import.meta.url).pathname;
const outputDir = process.argv[3] ?? "output/training_data";
const config = { paths: { training_data: { output_dir: outputDir } } };

const samples = new TrainingDataCollector(config).collectFromInteractions(
  await new InteractionStorage(storeDir).loadAll(),
);
const exporter = new TrainingDataExporter(config);

// Export all (no split)
let files = await exporter.exportSamples(samples, { split: false, useTimestamp: true });
console.log(`Exported to: ${files.train}`);

// Export with split
files = await exporter.exportSamples(samples, { split: true, useTimestamp: false });
console.log(`Train: ${files.train}`);
console.log(`Val: ${files.validation}`);
console.log(`Test: ${files.test}`);

// Export statistics
const statsFile = await exporter.exportStatistics(samples);
console.log(`Statistics: ${statsFile}`);
