import { createDefaultTransport, createFetchTransport } from '@tessera/core/net';
import { describe, expect, it } from 'vitest';
import { getGlobalObject, type AbortControllerConstructor } from '../../src/util/platform';
import { describeTransportBehaviour } from './helpers/transport-behaviour';

describe('default transport in Node 20', () => {
  it('is fetch (fetch and AbortController exist)', () => {
    expect(createDefaultTransport().name).toBe('fetch');
  });
});

describeTransportBehaviour('fetch', () => {
  const g = getGlobalObject();
  return createFetchTransport((input, init) => g.fetch!(input, init), g.AbortController as AbortControllerConstructor);
});
