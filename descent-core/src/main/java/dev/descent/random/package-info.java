/**
 * Explicit, seedable random generators with saveable state: {@link dev.descent.random.Rng}.
 */
package dev.descent.random;
