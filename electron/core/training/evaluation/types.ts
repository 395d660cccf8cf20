/** Curve and result shapes; plain number arrays so they serialise as JSON as they are. */

/** `roc_curve`: fpr and tpr non-decreasing, thresholds decreasing; thresholds[0] = max score + 1. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/** `precision_recall_curve`: recall decreasing to a final (precision 1, recall 0) point. */
export interface PrCurve {
  precision: number[];
  recall: number[];
  /** One fewer than precision/recall: the final point has no threshold. */
  thresholds: number[];
}

/** The one-vs-rest curve of one class. */
export interface ClassRocCurve extends RocCurve {
  classIndex: number;
  label: string;
  /** Area under this curve; NaN when y_true has no positives or no negatives of the class. */
  auc: number;
}

export interface ClassPrCurve extends PrCurve {
  classIndex: number;
  label: string;
  averagePrecision: number;
}

export interface ClassificationEvaluation {
  /** accuracy, precision_macro, recall_macro, f1_macro, log_loss, roc_auc (NaN when undefined). */
  metrics: Record<string, number>;
  /** k×k over all classes in index order: rows are true classes, columns predicted ones. */
  confusion: number[][];
  /** Binary: one curve, for class 1. Multiclass: one one-vs-rest curve per class. */
  roc: ClassRocCurve[];
  pr: ClassPrCurve[];
}

export interface RegressionEvaluation {
  /** rmse, mae, r2. */
  metrics: Record<string, number>;
  /** y_true - y_pred, per sample. */
  residuals: number[];
}
