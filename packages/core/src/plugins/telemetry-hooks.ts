import type { ThroughputSample } from '../abr-api';

/**
 * What a telemetry plugin can observe and contribute. Kept small: the rest comes
 * from the player's public events.
 */
export interface TelemetryHooks {
  /** Extra query/headers for each request (CMCD). Return undefined to add nothing. */
  decorateRequest?(request: {
    url: string;
    contentType: ThroughputSample['contentType'];
    bitrateKbps?: number;
    durationMs?: number;
  }): { url?: string; headers?: Record<string, string> } | undefined;
}
