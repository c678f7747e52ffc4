// Seed example "Complete Pipeline Integration": run the whole pipeline; training data is exported.
// Run: npx tsx examples/complete-pipeline.ts [config.yaml] [output-dir]
// With no config this runs offline on the bundled banks.
import { EnhancedPersonaGenerationPipeline } from "../src/index.js";

const configPath = process.argv[2] && process.argv[2] !== "-" ? process.argv[2] : undefined;
const out = process.argv[3] ?? "output";

const pipeline = new EnhancedPersonaGenerationPipeline(configPath, { out });
const result = await pipeline.run({ numPersonas: 5 });

// Training data is automatically exported
console.log(`Samples: ${result.training_data.total_samples}`);
console.log(`Files: ${JSON.stringify(result.training_data.sample_files)}`);
