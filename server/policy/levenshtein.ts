import "server-only";

/** Edit distance (insert, delete, substitute; each costs 1). Two rows, since ids are short and catalogs small. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Known ids that the input is probably a typo of, closest first (at most `limit`). A typo is within a fifth of the
 * id's length (at least 2 edits), comparing case-insensitively; an input that is part of an id ("nova-lite") also
 * counts, as people paste fragments.
 */
export function closestIds(input: string, ids: readonly string[], limit = 3): string[] {
  const needle = input.trim().toLowerCase();
  if (needle.length === 0) return [];
  const scored = ids
    .map((id) => {
      const hay = id.toLowerCase();
      const distance = levenshtein(needle, hay);
      const maxDistance = Math.max(2, Math.floor(hay.length / 5));
      const fragment = needle.length >= 4 && hay.includes(needle);
      // Fragments rank after real typos: a typo of one id is a stronger hint than a word shared by many.
      return { id, rank: distance <= maxDistance ? distance : fragment ? maxDistance + 1 : Infinity };
    })
    .filter((s) => s.rank !== Infinity)
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Only ids about as close as the closest one: a one-letter typo should not also list ids eight edits away.
  const best = scored[0]?.rank ?? 0;
  return [...new Set(scored.filter((s) => s.rank <= best + 2).map((s) => s.id))].slice(0, limit);
}
