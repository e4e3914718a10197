/**
 * Convex baselines with a scikit-learn-like facade ({@code fit}, {@code partialFit},
 * {@code predict}, {@code predictProba}, {@code score}, {@code save}, {@code load}):
 * {@link dev.descent.linear.LinearRegression} (least squares and ridge),
 * {@link dev.descent.linear.LogisticRegression} (binary and multinomial) and
 * {@link dev.descent.linear.LinearSvm} (hinge). Each minimises one stated objective, by
 * closed form where one exists or by any full-batch solver or mini-batch optimizer
 * ({@link dev.descent.linear.FitMethod}), so GD, SGD and exact solutions can be compared.
 *
 * <h2>The objective, and scikit-learn's parameters</h2>
 *
 * Every estimator here minimises
 *
 * <pre>  (1/n) Σᵢ loss(xᵢ, yᵢ) + λ‖W‖²      (the intercepts not penalised)</pre>
 *
 * scikit-learn states the same penalties without the 1/n, so its parameters map to a λ that
 * depends on the number of rows n. The factories that take scikit-learn's parameters keep
 * them and resolve λ at each fit, from that fit's n ({@code lambdaFor(n)} shows it):
 *
 * <table>
 *   <caption>scikit-learn's penalties as Descent's λ</caption>
 *   <tr><th>scikit-learn</th><th>its objective</th><th>Descent</th><th>λ</th></tr>
 *   <tr><td>{@code LogisticRegression(C)}</td><td>{@code C·Σᵢ loss + ½‖W‖²}</td>
 *       <td>{@link dev.descent.linear.LogisticRegression#ofC(double)}</td><td>{@code 1/(2·C·n)}</td></tr>
 *   <tr><td>{@code Ridge(alpha)}</td><td>{@code ‖y − Xw − b‖² + α‖w‖²}</td>
 *       <td>{@link dev.descent.linear.LinearRegression#ridgeAlpha(double)}</td><td>{@code α/n}</td></tr>
 * </table>
 *
 * (Divide scikit-learn's objective by {@code C·n}, or by n, to get Descent's.) A partial fit
 * minimises the objective of the rows it is given, so its λ comes from their n.
 *
 * <h2>Model files</h2>
 *
 * {@code save(path)} writes one safetensors file with its {@link dev.descent.model.ModelBundle}:
 * a one-layer {@link dev.descent.nn.ModelSpec#linear} model on raw features, the class names
 * (a binary logistic regression keeps its one logit, with two class names) or the target
 * name, and the penalty. {@code load(path)} gives an estimator that predicts the same bits;
 * {@link dev.descent.model.Predictor#load} and {@code descent predict} read the same files.
 */
package dev.descent.linear;
