// Seed example "Collect from Interactions": load a store, convert it to training samples, look at a few.
// Run: npx tsx examples/collect-from-interactions.ts [store-dir]
import { InteractionStorage, TrainingDataCollector } from "../src/index.js";

const storeDir = process.argv[2] ?? new URL("./data/interactions", import.meta.url).pathname;
const config = {}; // or: loadConfig("config.yaml").config

// Load interactions
const storage = new InteractionStorage(storeDir);
const interactions = await storage.loadAll();

// Initialize collector
const collector = new TrainingDataCollector(config);

// Convert to training samples
const samples = collector.collectFromInteractions(interactions);
console.log(`Collected ${samples.length} samples`);

// Access sample data
for (const sample of samples.slice(0, 3)) {
  console.log(`ID: ${sample.sampleId}`);
  console.log(`Trajectory: ${JSON.stringify(sample.promptTrajectory)}`);
  console.log(`Turns: ${sample.numTurns}`);
  console.log();
}
