import type { ApiEvent } from '../../shared/api.js';
import type { NotificationConstructor } from './runNotifications.js';

const ENDINGS: Partial<Record<string, string>> = {
  finished: 'finished',
  waiting: 'waits for approval',
  failed: 'failed',
  interrupted: 'was interrupted',
};

export interface PipelineNotificationOptions {
  events: { subscribe(listener: (event: ApiEvent) => void): () => void };
  Notification: NotificationConstructor;
  supported: boolean;
  appFocused(): boolean;
  /** Clicking brings the window up on the Automation view. */
  showAutomation(): void;
}

/** The OS notification's text when a pipeline ends or waits, else null (it started, or the app is in front). */
export function pipelineNotificationText(event: ApiEvent): { title: string; body: string } | null {
  if (event.type !== 'pipeline.status') return null;
  const ending = ENDINGS[event.status];
  return ending
    ? { title: `Pipeline #${event.pipelineId} for ${event.model} ${ending}`, body: event.reason }
    : null;
}

/** An OS notification when a pipeline ends while the app is in the background. Returns unsubscribe. */
export function notifyWhenPipelinesEnd(options: PipelineNotificationOptions): () => void {
  if (!options.supported) return () => undefined;
  return options.events.subscribe((event) => {
    const text = pipelineNotificationText(event);
    if (!text || options.appFocused()) return;
    const notification = new options.Notification(text);
    notification.on('click', () => options.showAutomation());
    notification.show();
  });
}
