import { Type } from '@sinclair/typebox'

// The read API's answers (brief contract), for the OpenAPI document: answers are sent as the
// cached bytes, so these describe them rather than serialise them.

const Named = Type.Object({ slug: Type.String(), name: Type.String() })
const DateTime = Type.String({ format: 'date-time' })

export const ArticleSummaryJson = Type.Object(
  {
    id: Type.Integer(),
    title: Type.String({ description: 'العنوان كما خُزِّن، نصاً عادياً' }),
    url: Type.String({ format: 'uri' }),
    summary: Type.String(),
    section: Named,
    tags: Type.Array(Named),
    authors: Type.Array(Named),
    publishedAt: Type.Union([DateTime, Type.Null()]),
    updatedAt: DateTime,
  },
)

export const ArticleListJson = Type.Object({
  articles: Type.Array(ArticleSummaryJson),
  page: Type.Integer(),
  total: Type.Integer(),
})

const ImageJson = Type.Object({
  url: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  alt: Type.String(),
  caption: Type.String(),
  credit: Type.String(),
})

export const ArticleJson = Type.Composite([
  ArticleSummaryJson,
  Type.Object({
    dateline: Type.String(),
    readingMinutes: Type.Integer(),
    image: Type.Union([ImageJson, Type.Null()]),
    bodyHtml: Type.String({ description: 'HTML مُعقَّم عند الحفظ' }),
    sources: Type.Array(Type.Object({ name: Type.String(), url: Type.Union([Type.String(), Type.Null()]) })),
    related: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() })),
    commentCount: Type.Integer(),
  }),
])
