import { distance } from 'fastest-levenshtein';

/** The candidate a misspelt word most likely meant, if one is close enough to suggest. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const candidateLower = candidate.toLowerCase();
    const score = candidateLower === lower ? 0 : candidateLower.startsWith(lower) || lower.startsWith(candidateLower) ? 1 : distance(lower, candidateLower);
    if (score < bestDistance) {
      best = candidate;
      bestDistance = score;
    }
  }
  // Two edits away is close for a long word, not for a short one: "XX" is no misspelling of "MP".
  return best !== undefined && bestDistance <= Math.min(Math.max(2, Math.floor(word.length / 3)), word.length - 1) ? best : undefined;
}

/** ` (did you mean "x"?)`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = nearest(word, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}
