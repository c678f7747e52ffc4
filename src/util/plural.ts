/** "1 persona", "3 personas": a count with its noun in the number it takes (`nouns` for irregular plurals). */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
