// The few parts of sax (no bundled types) that feeds/testing.ts and the WordPress import (src/import/wxr.reader.ts) use.
declare module 'sax' {
  interface QualifiedAttribute {
    name: string
    value: string
    prefix: string
    local: string
    uri: string
  }
  interface QualifiedTag {
    name: string
    attributes: Record<string, QualifiedAttribute>
  }
  interface SAXParser {
    onopentag: (tag: QualifiedTag & { uri: string }) => void
    onclosetag: (name: string) => void
    ontext: (text: string) => void
    oncdata: (text: string) => void
    onerror: (error: Error) => void
    line: number
    column: number
    write(chunk: string): SAXParser
    close(): SAXParser
  }
  const sax: { parser(strict: boolean, options?: { xmlns?: boolean }): SAXParser }
  export default sax
}
