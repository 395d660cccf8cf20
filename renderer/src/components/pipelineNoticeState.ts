/** A pipeline that ended (or waits for approval), shown as a notice until dismissed. */
export interface Notice {
  pipelineId: number;
  model: string;
  status: string;
  reason: string;
}

/** The notices on screen and the ones dismissed, kept across reloads (localStorage). */
export interface NoticeState {
  shown: Notice[];
  /** `pipelineId:status` of each dismissed notice: the same news never comes back. */
  dismissed: string[];
}

export const NOTICES_KEY = 'benchtop.pipelineNotices';
const MAX_SHOWN = 3;
const MAX_DISMISSED = 200;
const keyOf = (n: Notice) => `${n.pipelineId}:${n.status}`;

/** A pipeline's latest news replaces its earlier notice; dismissed news stays dismissed. */
export function addNotice(state: NoticeState, n: Notice): NoticeState {
  if (state.dismissed.includes(keyOf(n))) return state;
  const shown = [...state.shown.filter((x) => x.pipelineId !== n.pipelineId), n].slice(-MAX_SHOWN);
  return { ...state, shown };
}

export function dismissNotice(state: NoticeState, n: Notice): NoticeState {
  return {
    shown: state.shown.filter((x) => keyOf(x) !== keyOf(n)),
    dismissed: [...state.dismissed.filter((k) => k !== keyOf(n)), keyOf(n)].slice(-MAX_DISMISSED),
  };
}

const isNotice = (x: unknown): x is Notice => {
  const n = x as Partial<Notice> | null;
  return (
    typeof n?.pipelineId === 'number' &&
    typeof n.model === 'string' &&
    typeof n.status === 'string' &&
    typeof n.reason === 'string'
  );
};

/** What was saved, or nothing when there is none or it is unreadable (never an error on start-up). */
export function loadNotices(storage: Pick<Storage, 'getItem'> | undefined): NoticeState {
  try {
    const saved = JSON.parse(
      storage?.getItem(NOTICES_KEY) ?? 'null',
    ) as Partial<NoticeState> | null;
    return {
      shown: Array.isArray(saved?.shown) ? saved.shown.filter(isNotice).slice(-MAX_SHOWN) : [],
      dismissed: Array.isArray(saved?.dismissed)
        ? saved.dismissed.filter((k): k is string => typeof k === 'string')
        : [],
    };
  } catch {
    return { shown: [], dismissed: [] };
  }
}

export function saveNotices(storage: Pick<Storage, 'setItem'> | undefined, state: NoticeState) {
  try {
    storage?.setItem(NOTICES_KEY, JSON.stringify(state));
  } catch {
    // A full or disabled storage only loses the memory of dismissals, never the app.
  }
}
