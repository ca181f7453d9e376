// @kitajs/html's JSX types miss `sizes` on <source> (HTML allows it beside `srcset`: the picture element's sources).
declare namespace JSX {
  interface HtmlSourceTag {
    sizes?: undefined | string
  }
}
