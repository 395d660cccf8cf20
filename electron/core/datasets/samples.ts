import type { Sample } from '../../../shared/domain.js';

/** Datasets shipped inside the app (samples/ at the project root, or beside the packaged app). */
export const SAMPLES: readonly Sample[] = [
  {
    name: 'iris',
    file_name: 'iris.csv',
    rows: 150,
    target: 'species',
    task: 'multiclass',
    description: "Fisher's Iris: four flower measurements, three species.",
  },
  {
    name: 'wine',
    file_name: 'wine.csv',
    rows: 178,
    target: 'cultivar',
    task: 'multiclass',
    description: 'Chemical analysis of wines from three cultivars.',
  },
  {
    name: 'breast_cancer',
    file_name: 'breast_cancer.csv',
    rows: 569,
    target: 'diagnosis',
    task: 'binary',
    description:
      'Wisconsin diagnostic breast cancer: 30 cell-nucleus features, benign or malignant.',
  },
];
