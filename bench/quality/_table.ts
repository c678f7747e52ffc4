/** One line of a quality table: what is measured, today's figure, the target, and whether it holds. */
export interface Measure {
  measure: string;
  today: string;
  target: string;
  ok: boolean;
}

/** Prints the table (`measure | today | target | ok`) and returns how many measures miss their target. */
export function printTable(measures: readonly Measure[]): number {
  console.log("| measure | today | target | ok |");
  console.log("|---|---|---|---|");
  for (const m of measures)
    console.log(`| ${m.measure} | ${m.today} | ${m.target} | ${m.ok ? "yes" : "NO"} |`);
  return measures.filter((m) => !m.ok).length;
}

/** A share as a percentage with one decimal. */
export function pct(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;
}
