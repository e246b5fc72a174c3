export { parseXml, textContent } from './parse-xml';
export { localName, childElements, firstChild, attributeByLocalName } from './xml-query';
export type { XmlElement, XmlNode, XmlParseOptions } from './xml-types';
