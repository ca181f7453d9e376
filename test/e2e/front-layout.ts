// The front page's "no hole" check, run inside the page (page.evaluate(frontPageHoles)): empty
// areas larger than a card, either beside the cards of a grid row or below the content of a
// column (main column, rail, section block). Self-contained: evaluate sends only its source.

export interface Hole {
  where: string
  width: number
  height: number
}

export interface FrontLayout {
  /** The size of a top story's card: what "larger than a card" compares with. */
  card: { width: number; height: number }
  holes: Hole[]
}

export function frontPageHoles(): FrontLayout {
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
  const name = (el: Element) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : '')
  const cards = Array.from(document.querySelectorAll('.front .card-top, .front .card-lead')).filter(visible).map((c) => c.getBoundingClientRect())
  const card = { width: median(cards.map((r) => r.width)), height: median(cards.map((r) => r.height)) }
  const holes: Hole[] = []
  const isHole = (width: number, height: number) => width >= card.width * 0.75 && height >= card.height

  // Beside the items of a grid row.
  for (const grid of Array.from(document.querySelectorAll('.front-top, .front .list-top, .front .latest .list-compact, .front-sections, .block-body'))) {
    if (!visible(grid) || getComputedStyle(grid).display !== 'grid') continue
    const box = grid.getBoundingClientRect()
    const gap = parseFloat(getComputedStyle(grid).columnGap) || 0
    const rows = new Map<number, DOMRect[]>()
    for (const item of Array.from(grid.children).filter(visible)) {
      const r = item.getBoundingClientRect()
      const key = [...rows.keys()].find((top) => Math.abs(top - r.top) < 2) ?? r.top
      rows.set(key, [...(rows.get(key) ?? []), r])
    }
    for (const row of rows.values()) {
      const free = box.width - row.reduce((sum, r) => sum + r.width, 0) - gap * (row.length - 1)
      const height = Math.max(...row.map((r) => r.height))
      if (isHole(free, height)) holes.push({ where: `beside a row of ${name(grid)}`, width: Math.round(free), height: Math.round(height) })
    }
  }

  // Below the content of a column: the innermost elements drawn inside it (and not clipped off to a
  // side) end this far above its bottom.
  for (const column of Array.from(document.querySelectorAll('.front-main, .front-rail, .section-block'))) {
    if (!visible(column)) continue
    const box = column.getBoundingClientRect()
    let bottom = box.top
    for (const el of Array.from(column.querySelectorAll('*'))) {
      if (el.childElementCount > 0) continue // leaves only: a list stretched to the bottom is not content
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || r.right <= box.left + 1 || r.left >= box.right - 1) continue
      bottom = Math.max(bottom, Math.min(r.bottom, box.bottom))
    }
    const empty = box.bottom - bottom
    if (isHole(box.width, empty)) holes.push({ where: `below the content of ${name(column)}`, width: Math.round(box.width), height: Math.round(empty) })
  }
  return { card, holes }
}
