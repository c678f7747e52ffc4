import type { Config } from "../config/schema.js";
import type { LlmService } from "../llm/llm-service.js";
import { modelRef } from "../llm/model-ref.js";
import type { Persona } from "../persona/persona.js";
import { resolveOthersOperation } from "../persona/resolve-others-operation.js";
import type { RunInputs } from "./inputs.js";

/** Resolves each `others` value of a persona to a concrete snake_case value (stage 1, LLM). */
export async function othersResolver(config: Config, inputs: RunInputs, llm: LlmService) {
  const op = resolveOthersOperation(inputs.templates.resolveOthers);
  await llm.prepareOffline([op]);
  const model = modelRef(config);
  return async (persona: Persona): Promise<Record<string, string>> => {
    const features = { ...persona.features };
    for (const [dimension, value] of Object.entries(persona.features)) {
      if (value !== "others") continue;
      const dim = inputs.bank.dimensions.find((d) => d.name === dimension);
      const result = await llm.run(
        op,
        {
          dimension,
          description: dim?.description ?? "",
          knownValues: dim?.values ?? [],
          features: persona.features,
        },
        { model, itemId: persona.persona_id, sampleIndex: 0 },
      );
      features[dimension] = result.output;
    }
    return features;
  };
}
