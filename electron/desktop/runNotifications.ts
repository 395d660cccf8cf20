import type { ApiEvent } from '../../shared/api.js';

/** The slice of Electron's Notification used here (a fake in tests). */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}
export type NotificationConstructor = new (options: {
  title: string;
  body: string;
}) => NotificationLike;

export interface RunNotificationOptions {
  events: { subscribe(listener: (event: ApiEvent) => void): () => void };
  Notification: NotificationConstructor;
  /** Electron's Notification.isSupported(): false on Linux without a notification daemon. */
  supported: boolean;
  /** The user is looking at the app: the run's own view already says it ended. */
  appFocused(): boolean;
  /** The run's display name, or null when it cannot be read. */
  runName(runId: number): Promise<string | null>;
  /** Clicking the notification brings the window up on the run. */
  showRun(runId: number): void;
}

const ENDINGS: Partial<Record<string, string>> = {
  finished: 'finished',
  failed: 'failed',
  interrupted: 'was interrupted',
};

/** The notification's text for a run's status, or null for statuses not worth an OS notification. */
export function notificationText(
  event: Extract<ApiEvent, { type: 'run.status' }>,
  name: string | null,
): { title: string; body: string } | null {
  const ending = ENDINGS[event.status];
  if (!ending) return null; // queued, running, and cancelled (the user just did that)
  const title = `${name ?? `Run ${event.runId}`} ${ending}`;
  return {
    title,
    body: event.error ?? (event.status === 'finished' ? 'Its metrics and model are ready.' : ''),
  };
}

/** Shows an OS notification when a run ends while the app is in the background. Returns unsubscribe. */
export function notifyWhenRunsEnd(options: RunNotificationOptions): () => void {
  if (!options.supported) return () => undefined;
  return options.events.subscribe((event) => {
    if (event.type !== 'run.status' || !ENDINGS[event.status] || options.appFocused()) return;
    void options
      .runName(event.runId)
      .catch(() => null)
      .then((name) => {
        const text = notificationText(event, name);
        if (!text) return;
        const notification = new options.Notification(text);
        notification.on('click', () => options.showRun(event.runId));
        notification.show();
      });
  });
}
