import type { ManifestEvent } from '../../model';
import { parseUnsignedInt } from '../util/numbers';
import { textContent } from '../xml/parse-xml';
import { childElements } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-types';

/** Period EventStream/Event → ManifestEvent on the presentation timeline (ISO/IEC 23009-1 §5.10.2). */
export function parseEventStreams(period: XmlElement, periodStart: number): ManifestEvent[] {
  const out: ManifestEvent[] = [];
  const streams = childElements(period, 'EventStream');
  for (let k = 0; k < streams.length; k++) {
    const a = streams[k].attributes;
    const timescale = parseUnsignedInt(a.timescale) || 1;
    const pto = parseUnsignedInt(a.presentationTimeOffset) || 0;
    const events = childElements(streams[k], 'Event');
    for (let e = 0; e < events.length; e++) {
      const ea = events[e].attributes;
      const time = parseUnsignedInt(ea.presentationTime) || 0;
      const event: ManifestEvent = {
        schemeIdUri: a.schemeIdUri || '',
        startTime: periodStart + (time - pto) / timescale,
        duration: (parseUnsignedInt(ea.duration) || 0) / timescale,
      };
      if (a.value !== undefined) event.value = a.value;
      if (ea.id !== undefined) event.id = ea.id;
      const data = ea.messageData !== undefined ? ea.messageData : textContent(events[e]);
      if (data) event.messageData = data;
      out.push(event);
    }
  }
  return out;
}
