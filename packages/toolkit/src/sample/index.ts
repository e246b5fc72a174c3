export { buildSampleCatalog, quickSpec, type SampleOptions, type SampleResult } from './build-sample-catalog';
export { buildCatalog, type Catalog, type CatalogTitle, type CatalogSeries } from './catalog';
export { sampleTitles, SAMPLE_SERIES, SAMPLE_AUDIO, type SampleTitleSpec, type TitleMarkers } from './sample-titles';
export { buildTimecodeSrt } from './timecode-subtitles';
export { buildSourceArgs } from './source-args';
export { buildReferenceArgs } from './reference-args';
export { hashOf } from './stamp';
