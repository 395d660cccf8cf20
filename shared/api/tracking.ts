import { z } from 'zod';

/**
 * How scripts reach the app to log runs: the token they log with and the port the desktop app
 * listens on for them. (What they log goes through runs.*, experiments.* and artifacts.*.)
 */

export const DEFAULT_TRACKING_PORT = 7788;
export const TrackingSettings = z.object({ port: z.number().int() });
export type TrackingSettings = z.infer<typeof TrackingSettings>;
/** Sent when the tracking settings change, so the desktop app can move its listener. */
export const TrackingSettingsEvent = z.object({
  type: z.literal('tracking.settings'),
  port: z.number().int(),
});

export const trackingApi = {
  /** The token scripts log with (kept in the data directory); `rotate` replaces it. */
  'tracking.token': {
    input: z.object({ rotate: z.boolean().default(false) }),
    output: z.object({ token: z.string() }),
  },
  /** Where the desktop app listens for scripts (127.0.0.1:port); kept in the data directory. */
  'tracking.settings': { input: z.object({}).default({}), output: TrackingSettings },
  /** Changes the port; the desktop app moves its listener at once (a `tracking.settings` event). */
  'tracking.setPort': {
    input: z.object({
      port: z
        .number()
        .int('the port is a whole number')
        .min(1024, 'use a port from 1024 to 65535')
        .max(65535, 'use a port from 1024 to 65535'),
    }),
    output: TrackingSettings,
  },
} as const;
