/** The list routes of the read models, with an id of the fixtures where one is needed. */
export const LISTS = [
  '/candidates',
  '/candidates/65a1f3c29d4e8b0012a4c7e1/timeline',
  '/assessment-results',
  '/reviews',
  '/review-progress',
  '/assessments',
  '/challenges',
];

/** The read-model routes that answer one item. */
export const ONE_EACH = [
  '/candidates/65a1f3c29d4e8b0012a4c7e1',
  '/assessment-results/65a1f4087c3a5d0011f3d2c8',
  '/assessments/6598e2b17c3a5d0011f2b9a4',
  '/challenges/6597c0d45e2f1a0010b8e3f7',
  '/stats/funnel',
];
