// @vitest-environment jsdom
import { createDefaultTransport, createXhrTransport } from '@tessera/core/net';
import { describe, expect, it } from 'vitest';
import { describeTransportBehaviour } from './helpers/transport-behaviour';

// jsdom's XMLHttpRequest performs real HTTP from the page origin (http://localhost:3000),
// so every request is cross-origin: the test server answers CORS and preflights.
// jsdom prints the refused connection of the failover test to stderr: expected noise.
// jsdom does not report a connection cut mid-body; the stall timeout catches it there.
describe('XHR under jsdom', () => {
  it('runs in a page with XMLHttpRequest', () => {
    expect(typeof window.XMLHttpRequest).toBe('function');
    expect(createXhrTransport(() => new window.XMLHttpRequest()).name).toBe('xhr');
  });

  it('is the default transport when AbortController is missing', () => {
    const tv = { fetch: () => Promise.reject(new Error('unused')), XMLHttpRequest: window.XMLHttpRequest };
    expect(createDefaultTransport(tv).name).toBe('xhr');
  });
});

describeTransportBehaviour('xhr', () => createXhrTransport(() => new window.XMLHttpRequest()));
