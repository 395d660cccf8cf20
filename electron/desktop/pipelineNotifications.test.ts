import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { notifyWhenPipelinesEnd } from './pipelineNotifications.js';

describe('pipeline notifications', () => {
  it('shows one OS notification per ending while the app is in the background; a click opens Automation', () => {
    const listeners: ((e: ApiEvent) => void)[] = [];
    const shown: { title: string; body: string }[] = [];
    const clicks: (() => void)[] = [];
    let focused = false;
    let opened = 0;
    class FakeNotification {
      constructor(private readonly text: { title: string; body: string }) {}
      show() {
        shown.push(this.text);
      }
      on(_event: 'click', listener: () => void) {
        clicks.push(listener);
        return this;
      }
    }
    notifyWhenPipelinesEnd({
      events: { subscribe: (l) => (listeners.push(l), () => undefined) },
      Notification: FakeNotification,
      supported: true,
      appFocused: () => focused,
      showAutomation: () => opened++,
    });
    const emit = (status: 'running' | 'finished' | 'waiting', reason: string) =>
      listeners.forEach((l) =>
        l({ type: 'pipeline.status', pipelineId: 3, model: 'iris', status, reason }),
      );
    emit('running', '');
    emit('waiting', 'waiting for approval: challenger f1_macro 0.9 vs champion 0.8');
    focused = true;
    emit('finished', 'promoted on approval');
    expect(shown).toEqual([
      {
        title: 'Pipeline #3 for iris waits for approval',
        body: 'waiting for approval: challenger f1_macro 0.9 vs champion 0.8',
      },
    ]);
    clicks[0]!();
    expect(opened).toBe(1);
  });
});
