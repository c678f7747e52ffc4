// Seed example "Compute Statistics".
// Run: npx tsx examples/compute-statistics.ts [store-dir]
import { InteractionStorage, TrainingDataCollector, TrainingDataExporter } from "../src/index.js";

const storeDir = process.argv[2] ?? new URL("./data/interactions", import.meta.url).pathname;
const samples = new TrainingDataCollector().collectFromInteractions(
  await new InteractionStorage(storeDir).loadAll(),
);
const exporter = new TrainingDataExporter();

const stats = exporter.computeStatistics(samples);

console.log(`Total samples: ${stats.total_samples}`);
console.log(`Average turns: ${stats.avg_turns.toFixed(1)}`);
console.log(`Noise rate: ${(stats.distractor_stats.noise_rate * 100).toFixed(1)}%`);
