/**
 * Optimizers that turn accumulated gradients into parameter updates. For now plain
 * mini-batch SGD with optional momentum ({@link dev.descent.optim.Sgd}); the full family
 * follows as composable update rules.
 */
package dev.descent.optim;
