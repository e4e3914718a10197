/**
 * Convex baselines with a scikit-learn-like facade ({@code fit}, {@code predict},
 * {@code predictProba}, {@code score}): {@link dev.descent.linear.LinearRegression} (least
 * squares and ridge), {@link dev.descent.linear.LogisticRegression} (binary and multinomial)
 * and {@link dev.descent.linear.LinearSvm} (hinge). Each minimises one stated objective, by
 * closed form where one exists or by any full-batch solver or mini-batch optimizer
 * ({@link dev.descent.linear.FitMethod}), so GD, SGD and exact solutions can be compared.
 */
package dev.descent.linear;
