/**
 * The library never prints: it reports what happens as typed events, and the CLI (or any caller)
 * decides how to show them. Stages add their own event types to this union.
 */
export type LibraryEvent =
  | { type: "warning"; message: string; where?: string }
  | { type: "info"; message: string };

/** Receives events; must not throw. */
export type EventSink = (event: LibraryEvent) => void;

/** A sink that drops everything (the default for library calls). */
export const ignoreEvents: EventSink = () => undefined;
