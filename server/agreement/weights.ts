/**
 * Disagreement weights for Cohen's kappa: 0 on the diagonal (agreement), larger for worse disagreement.
 * `none` is unweighted kappa; `linear` and `quadratic` grow with the distance between category ranks
 * (Cicchetti-Allison and Fleiss-Cohen weights); a matrix gives the study's own weights (Cohen 1968).
 */
export type KappaWeights = 'none' | 'linear' | 'quadratic' | readonly (readonly number[])[];

export function weightMatrix(weights: KappaWeights, k: number): number[][] {
  if (typeof weights !== 'string') {
    if (weights.length !== k || weights.some((row) => row.length !== k)) throw new RangeError(`weights must be a ${k}x${k} matrix, one row and column per category`);
    return weights.map((row) => [...row]);
  }
  // Rank distance scaled to 0..1; the scale cancels out of kappa but keeps the numbers readable.
  const span = Math.max(1, k - 1);
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      const d = Math.abs(i - j) / span;
      return weights === 'none' ? (i === j ? 0 : 1) : weights === 'linear' ? d : d * d;
    }),
  );
}
