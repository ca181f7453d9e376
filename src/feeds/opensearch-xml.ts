import { create } from 'xmlbuilder2'

const NS = 'http://a9.com/-/spec/opensearch/1.1/'

/** OpenSearch 1.1 description: lets browsers add the site's search (`/search?q=`). */
export function renderOpenSearch(input: { siteName: string; tagline: string; baseUrl: string }): string {
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele(NS, 'OpenSearchDescription')
  // ShortName: at most 16 characters (spec); Description: at most 1024.
  root.ele('ShortName').txt([...input.siteName].slice(0, 16).join(''))
  root.ele('Description').txt([...`${input.siteName}: ${input.tagline}`].slice(0, 1024).join(''))
  root.ele('InputEncoding').txt('UTF-8')
  root.ele('Language').txt('ar')
  root.ele('Image', { width: '16', height: '16', type: 'image/svg+xml' }).txt(`${input.baseUrl}/assets/icon.svg`)
  root.ele('Url', { type: 'text/html', method: 'get', template: `${input.baseUrl}/search?q={searchTerms}` })
  root.ele('Url', { type: 'application/opensearchdescription+xml', rel: 'self', template: `${input.baseUrl}/opensearch.xml` })
  return root.end({ prettyPrint: false })
}
