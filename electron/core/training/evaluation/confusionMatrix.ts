import { resolveLabels } from './labels.js';
import { assertNonEmpty, assertSameLength } from './validate.js';

/**
 * sklearn's `confusion_matrix(y_true, y_pred, labels=labels)`: entry [i][j] counts samples of
 * true class labels[i] predicted as labels[j]. Without `labels` the rows and columns are the
 * sorted union of the classes in y_true and y_pred; with `labels` samples whose true or
 * predicted class is not listed are left out. As in sklearn, explicit labels none of which
 * occur in y_true are an error.
 */
export function confusionMatrix(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels?: readonly number[],
): number[][] {
  assertSameLength(yTrue, yPred, 'confusionMatrix');
  assertNonEmpty(yTrue, 'confusionMatrix');
  const ls = resolveLabels(yTrue, yPred, labels);
  const position = new Map(ls.map((label, i) => [label, i]));
  if (labels !== undefined && !yTrue.some((c) => position.has(c))) {
    throw new RangeError('confusionMatrix: at least one label specified must be in y_true');
  }
  const matrix = ls.map(() => new Array<number>(ls.length).fill(0));
  for (let s = 0; s < yTrue.length; s++) {
    const i = position.get(yTrue[s]!);
    const j = position.get(yPred[s]!);
    if (i !== undefined && j !== undefined) matrix[i]![j]! += 1;
  }
  return matrix;
}
