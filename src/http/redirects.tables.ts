export interface RedirectTable {
  /** `redirectKey()` of the old address. */
  from_path: string
  /** A path on this site, percent-encoded, as the Location header carries it. */
  to_path: string
  created_at: string
}
