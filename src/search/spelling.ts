// «Did you mean»: for a word nothing is indexed under, the closest indexed spelling.

/** Optimal-string-alignment distance (Damerau–Levenshtein with adjacent swaps), by code point; stops past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const s = Array.from(a)
  const t = Array.from(b)
  if (Math.abs(s.length - t.length) > max) return max + 1
  let prev2: number[] = []
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1)
      row.push(d)
      rowMin = Math.min(rowMin, d)
    }
    if (rowMin > max) return max + 1
    prev2 = prev
    prev = row
  }
  return prev[t.length]
}

/** The candidate nearest `word` (fewest edits, then most documents), within 1 edit for short words and 2 otherwise. */
export function closestSpelling(word: string, candidates: { term: string; docs: number }[]): string | undefined {
  const max = Array.from(word).length <= 4 ? 1 : 2
  let best: { term: string; distance: number; docs: number } | undefined
  for (const c of candidates) {
    if (c.term === word) continue
    const distance = editDistance(word, c.term, max)
    if (distance > max) continue
    if (!best || distance < best.distance || (distance === best.distance && c.docs > best.docs)) best = { term: c.term, distance, docs: c.docs }
  }
  return best?.term
}

/**
 * Where to look for a spelling, cheapest first: headlines' words sharing the first two letters,
 * then the first alone (a slip in the second letter), then all the stories' words sharing the
 * first three (a word no headline uses). Letters are counted past the article «ال», which too
 * many words start with. Each range is read from the index's vocabulary; wider ones cost more.
 */
export function spellingRanges(word: string): { prefix: string; scope: 'headlines' | 'stories' }[] {
  const letters = Array.from(word)
  const start = letters[0] === 'ا' && letters[1] === 'ل' && letters.length > 4 ? 2 : 0
  const prefix = (n: number) => letters.slice(0, start + n).join('')
  return [
    { prefix: prefix(2), scope: 'headlines' },
    { prefix: prefix(1), scope: 'headlines' },
    { prefix: prefix(3), scope: 'stories' },
  ]
}
