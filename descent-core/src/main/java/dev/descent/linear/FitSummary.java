package dev.descent.linear;

/**
 * What a fit did: the method, the objective value it reached, how many iterations (solver
 * iterations, or epochs of mini-batch training) it took, and why it stopped.
 */
public record FitSummary(String method, double objective, int iterations, String stopReason) {
}
