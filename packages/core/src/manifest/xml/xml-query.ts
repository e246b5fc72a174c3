import type { XmlElement } from './xml-types';

/** "cenc:pssh" → "pssh". */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Child elements, optionally only those whose local name is `name` (prefix ignored). */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const children = element.children;
  for (let k = 0; k < children.length; k++) {
    const child = children[k];
    if (typeof child !== 'string' && (name === undefined || child.name === name || localName(child.name) === name)) out.push(child);
  }
  return out;
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  const children = element.children;
  for (let k = 0; k < children.length; k++) {
    const child = children[k];
    if (typeof child !== 'string' && (child.name === name || localName(child.name) === name)) return child;
  }
  return undefined;
}

/** Attribute by local name, whatever its prefix (so `default_KID` finds `cenc:default_KID`). */
export function attributeByLocalName(element: XmlElement, name: string): string | undefined {
  const attrs = element.attributes;
  const exact = attrs[name];
  if (exact !== undefined) return exact;
  for (const key in attrs) if (localName(key) === name) return attrs[key];
  return undefined;
}
