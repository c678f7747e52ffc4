/**
 * What a failed attempt means and the errors that end a call. An attempt's failure is read as a
 * TransportError (its kind decides whether the retry loop tries again); a call that cannot go on ends
 * with a ProviderError that names the provider and model, says what to do, and never carries an API key
 * (`redact`). Apart from scheduler.ts so that the retry loop reads as a loop, not as error wording.
 */
import { ProviderError } from "../errors.js";
import type { ResolvedProvider } from "../llm/providers.js";
import { TransportError } from "../llm/transport-error.js";
import type { ScheduledCall } from "./scheduled-call.js";

/** Removes every configured API key from a text that may reach a log or an error. */
export type Redact = (text: string) => string;

/**
 * An attempt's failure as the retry loop reads it: a call its deadline cancelled is a timeout (so is
 * a cancellation the caller did not ask for); anything not already a TransportError is an answer that
 * could not be read.
 */
export function classifyFailure(
  error: unknown,
  timedOutAfterMs: number | undefined,
  callerSignal: AbortSignal | undefined,
): TransportError {
  if (timedOutAfterMs !== undefined)
    return new TransportError("timeout", `no answer within ${Math.round(timedOutAfterMs)} ms`);
  if (error instanceof TransportError) {
    if (error.kind === "aborted" && !callerSignal?.aborted) return new TransportError("timeout", "cancelled");
    return error;
  }
  return new TransportError("unparseable", error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}

/** A failure no retry can fix: a bad key, or a request the provider rejects. */
export function rejectedRequest(error: TransportError, call: ScheduledCall, redact: Redact): ProviderError {
  const auth = error.kind === "auth";
  return new ProviderError(`${call.operation}: ${redact(error.message)}`, {
    code: auth ? "PROVIDER_AUTH" : "PROVIDER",
    where: `${call.provider}/${call.request.model}`,
    ...(error.status === undefined ? {} : { status: error.status }),
    hint: auth
      ? "check the API key for this provider"
      : "the provider rejected the request; check the model name and parameters",
  });
}

/** Every attempt failed on a retryable error; the last one says why. */
export function gaveUp(
  call: ScheduledCall,
  maxAttempts: number,
  batch: boolean,
  last: TransportError | undefined,
  redact: Redact,
): ProviderError {
  return new ProviderError(
    `${call.operation}: gave up after ${maxAttempts} ${batch ? "batch rounds" : "attempts"}: ${redact(last?.message ?? "unknown error")}`,
    { where: `${call.provider}/${call.request.model}`, hint: hintFor(last) },
  );
}

/** The caller rejected the answer once more than the repairs allowed. */
export function answerRejected(call: ScheduledCall, tries: number, feedback: string): ProviderError {
  return new ProviderError(`${call.operation}: answer rejected after ${tries} tries: ${feedback}`, {
    where: `${call.provider}/${call.request.model}`,
  });
}

/** The endpoint cannot be reached and never could: the URL, where it was set, and the fix. Ends the run. */
export function unreachable(provider: ResolvedProvider, error: TransportError): ProviderError {
  const from = provider.baseUrlFrom;
  const setting = /^[A-Z][A-Z0-9_]*$/.test(from) ? `the environment variable ${from}` : from;
  return new ProviderError(
    `cannot reach provider "${provider.name}" at ${provider.baseUrl} (set by ${setting}): ${error.message}`,
    {
      code: "PROVIDER_UNREACHABLE",
      hint: from.startsWith("the default")
        ? "check the network connection, then rerun the same command"
        : `start the server or fix ${from}, then rerun the same command`,
    },
  );
}

function hintFor(error: TransportError | undefined): string {
  switch (error?.kind) {
    case "unreachable":
    case "network":
      return "the endpoint is unreachable: check base_url and that the server is running";
    case "rate_limited":
      return "the provider keeps rate-limiting: lower providers.<name>.max_concurrency or set requests_per_minute";
    case "timeout":
      return "calls keep timing out: raise llm.timeout_ms or check the server";
    default:
      return "rerun the same command to retry the failed items";
  }
}
