/** The Nest injection token for the projections the runner keeps (`readonly Projection[]`). */
export const PROJECTIONS = Symbol('Projections');
