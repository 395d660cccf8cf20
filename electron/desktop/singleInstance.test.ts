import { describe, expect, it } from 'vitest';
import {
  claimSingleInstance,
  focusWindow,
  listenForOsFileOpens,
  type FocusableWindowLike,
  type InstanceAppLike,
} from './singleInstance.js';

type Listener = (...args: never[]) => void;
class FakeApp implements InstanceAppLike {
  quitCalled = false;
  listeners = new Map<string, Listener>();
  constructor(private readonly gotLock: boolean) {}
  requestSingleInstanceLock() {
    return this.gotLock;
  }
  quit() {
    this.quitCalled = true;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
    return this;
  }
  emit(event: 'second-instance', argv: string[], cwd: string): void;
  emit(event: 'open-file', path: string): boolean;
  emit(event: string, ...args: string[] | [string[], string]): boolean | void {
    const listener = this.listeners.get(event) as ((...a: unknown[]) => void) | undefined;
    if (event === 'open-file') {
      let prevented = false;
      listener?.({ preventDefault: () => (prevented = true) }, args[0]);
      return prevented;
    }
    listener?.({}, ...args);
  }
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const win: FocusableWindowLike = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { win, calls };
}

describe('single instance', () => {
  it('quits a second launch at once, before it opens anything', () => {
    const app = new FakeApp(false);
    expect(claimSingleInstance(app, { window: () => undefined, openFile: () => undefined })).toBe(
      false,
    );
    expect(app.quitCalled).toBe(true);
    expect(app.listeners.size).toBe(0);
  });

  it('on a second launch, un-minimizes and focuses the window and opens the files it was given', () => {
    const app = new FakeApp(true);
    const { win, calls } = fakeWindow(true);
    const opened: string[] = [];
    expect(claimSingleInstance(app, { window: () => win, openFile: (p) => opened.push(p) })).toBe(
      true,
    );
    expect(app.quitCalled).toBe(false);
    app.emit('second-instance', ['/usr/bin/benchtop', '--flag', 'iris.csv'], '/home/me/data');
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(opened).toEqual(['/home/me/data/iris.csv']);
  });

  it('ignores a second launch that arrives before the window exists, apart from its files', () => {
    const app = new FakeApp(true);
    const opened: string[] = [];
    claimSingleInstance(app, { window: () => undefined, openFile: (p) => opened.push(p) });
    expect(() => app.emit('second-instance', ['benchtop', 'a.tsv'], '/tmp')).not.toThrow();
    expect(opened).toEqual(['/tmp/a.tsv']);
  });

  it('does not touch a destroyed window', () => {
    const { win, calls } = fakeWindow(false);
    focusWindow({ ...win, isDestroyed: () => true });
    expect(calls).toEqual([]);
  });
});

describe('files from the OS', () => {
  it('opens the launch arguments and, on macOS, open-file events (taking them over from the OS)', () => {
    const app = new FakeApp(true);
    const opened: string[] = [];
    listenForOsFileOpens(app, ['/Applications/Benchtop', 'first.parquet'], '/Users/me', (p) =>
      opened.push(p),
    );
    expect(opened).toEqual(['/Users/me/first.parquet']);
    expect(app.emit('open-file', '/Users/me/Downloads/sales.csv')).toBe(true);
    expect(opened).toEqual(['/Users/me/first.parquet', '/Users/me/Downloads/sales.csv']);
  });
});
