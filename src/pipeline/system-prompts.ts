import { PersonasynthError } from "../errors.js";
import type { InteractionStorage, RecordSink } from "../interaction/storage.js";
import type { LlmService } from "../llm/llm-service.js";
import type { ModelRef } from "../llm/model-ref.js";
import type { Operation } from "../llm/operation.js";
import type { FormulateInput } from "../persona/formulate-operation.js";
import { promptId } from "../persona/persona-stores.js";
import type { PlannedPersona } from "./plan.js";

/** A persona's system prompt, or why there is none. */
export interface SystemPromptResult {
  system_prompt: string | null;
  reason?: string;
  provider?: string;
  model?: string;
}

/** Codes of the errors that end the run instead of being recorded against one persona or item. */
const FATAL_CODES: readonly string[] = [
  "PROVIDER_AUTH",
  "PROVIDER_UNREACHABLE",
  "BUDGET_EXCEEDED",
  "INTERRUPTED",
  "IO",
  "BACKEND",
  "INTERNAL",
];

/** Errors that end the run instead of being recorded against one persona or item. */
export function isFatal(error: unknown): boolean {
  return !(error instanceof PersonasynthError) || isFatalCode(error.code);
}

/** True for the code of an error that ends the run (see `isFatal`). */
export function isFatalCode(code: string): boolean {
  return FATAL_CODES.includes(code);
}

/**
 * Stage 2, once per persona (not once per query): the first item of a persona formulates its
 * system prompt, the others wait for the same promise; successes are stored so a rerun reuses them.
 * A failure is recorded as `system_prompt: null` with the reason, and the conversation goes on
 * without one; it is retried on the next run.
 *
 * A persona's prompt is kept in memory until the last of its planned items has finished
 * (`release`), then dropped: a run of 10,000 personas would otherwise hold every prompt to the end.
 */
export class SystemPrompts {
  private readonly pending = new Map<string, Promise<SystemPromptResult>>();
  /** Items of each persona that have not finished yet. */
  private readonly itemsLeft: Map<string, number>;

  constructor(
    private readonly generation: string,
    private readonly store: RecordSink,
    private readonly stored: Map<string, SystemPromptResult>,
    private readonly llm: LlmService,
    private readonly op: Operation<FormulateInput, string>,
    private readonly model: ModelRef,
    /** The persona id of every item this run will execute (one entry per item). */
    itemPersonas: Iterable<string>,
  ) {
    this.itemsLeft = new Map();
    for (const id of itemPersonas) this.itemsLeft.set(id, (this.itemsLeft.get(id) ?? 0) + 1);
  }

  /** One item of this persona has finished; after its last item the prompt is let go. */
  release(personaId: string): void {
    const left = (this.itemsLeft.get(personaId) ?? 0) - 1;
    if (left > 0) {
      this.itemsLeft.set(personaId, left);
      return;
    }
    this.itemsLeft.delete(personaId);
    this.pending.delete(personaId);
    this.stored.delete(personaId);
  }

  /** Loads the stored prompts of these personas made by this generation (by persona id). */
  static async load(
    store: InteractionStorage,
    generation: string,
    personaIds: ReadonlySet<string>,
  ): Promise<Map<string, SystemPromptResult>> {
    const out = new Map<string, SystemPromptResult>();
    for await (const record of store) {
      const id = record.persona_id as string;
      if (record.generation === generation && personaIds.has(id))
        out.set(id, record as unknown as SystemPromptResult);
    }
    return out;
  }

  get(persona: PlannedPersona, signal?: AbortSignal): Promise<SystemPromptResult> {
    const known = this.stored.get(persona.persona_id);
    if (known) return Promise.resolve(known);
    let promise = this.pending.get(persona.persona_id);
    if (!promise) {
      promise = this.formulate(persona, signal);
      this.pending.set(persona.persona_id, promise);
    }
    return promise;
  }

  private async formulate(persona: PlannedPersona, signal?: AbortSignal): Promise<SystemPromptResult> {
    try {
      const result = await this.llm.run(
        this.op,
        { features: persona.features },
        {
          model: this.model,
          itemId: persona.persona_id,
          priority: 1000,
          ...(signal ? { signal } : {}),
        },
      );
      const record: SystemPromptResult = {
        system_prompt: result.output,
        provider: result.provider,
        model: result.model,
      };
      await this.store.save({
        prompt_id: promptId(persona.persona_id, this.generation),
        persona_id: persona.persona_id,
        generation: this.generation,
        ...record,
      });
      return record;
    } catch (error) {
      if (isFatal(error)) {
        this.pending.delete(persona.persona_id);
        throw error;
      }
      return { system_prompt: null, reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
