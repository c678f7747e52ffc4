/**
 * Requests-per-minute and tokens-per-minute budgets as token buckets refilled continuously. A call
 * charges its estimated tokens before it starts and corrects the charge with the reported usage.
 */
export class RateBudget {
  private requests: number;
  private tokens: number;
  private last: number;

  constructor(
    private readonly rpm: number | undefined,
    private readonly tpm: number | undefined,
    private readonly now: () => number,
  ) {
    this.requests = rpm ?? 0;
    this.tokens = tpm ?? 0;
    this.last = now();
  }

  /** True when no budget is configured: callers skip the bookkeeping. */
  get unlimited(): boolean {
    return this.rpm === undefined && this.tpm === undefined;
  }

  /**
   * Waits until one request and `tokens` fit, then charges them. `wait` sleeps (the scheduler's, which
   * ends early on Ctrl-C without adding a listener per wait to the run's signal).
   */
  async take(tokens: number, wait: (ms: number) => Promise<void> = sleep): Promise<void> {
    if (this.unlimited) return;
    for (;;) {
      this.refill();
      const needTokens = this.tpm === undefined ? 0 : Math.min(tokens, this.tpm);
      const requestsOk = this.rpm === undefined || this.requests >= 1;
      const tokensOk = this.tpm === undefined || this.tokens >= needTokens;
      if (requestsOk && tokensOk) {
        if (this.rpm !== undefined) this.requests -= 1;
        if (this.tpm !== undefined) this.tokens -= needTokens;
        return;
      }
      const waitRequests =
        requestsOk || this.rpm === undefined ? 0 : ((1 - this.requests) / this.rpm) * 60_000;
      const waitTokens =
        tokensOk || this.tpm === undefined ? 0 : ((needTokens - this.tokens) / this.tpm) * 60_000;
      await wait(Math.max(5, Math.ceil(Math.max(waitRequests, waitTokens))));
    }
  }

  /** Corrects a charge once the real token count is known (refunds or charges the difference). */
  correct(estimated: number, actual: number): void {
    if (this.tpm === undefined) return;
    this.tokens = Math.min(this.tpm, this.tokens + estimated - actual);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.last;
    this.last = now;
    if (this.rpm !== undefined)
      this.requests = Math.min(this.rpm, this.requests + (elapsed / 60_000) * this.rpm);
    if (this.tpm !== undefined) this.tokens = Math.min(this.tpm, this.tokens + (elapsed / 60_000) * this.tpm);
  }
}

/** setTimeout as a promise. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
