/**
 * Benchmarks of Descent on Spark against Spark's own MLlib, run in one JVM on one Spark
 * context so that both see the same machine, the same cached data and the same scheduler.
 *
 * <ul>
 *   <li>{@link dev.descent.spark.bench.MllibComparison}: the entry point ({@code main}); runs the
 *       parts below, prints one line per figure and writes them all as JSON.</li>
 *   <li>{@link dev.descent.spark.bench.LogisticRegressionRace}: L-BFGS on a
 *       {@link dev.descent.spark.SparkRisk} against MLlib's {@code LogisticRegression}, on the
 *       same objective, timed to MLlib's final training objective.</li>
 *   <li>{@link dev.descent.spark.bench.PerceptronRace}: synchronous data-parallel SGD against
 *       MLlib's {@code MultilayerPerceptronClassifier}, timed to a test accuracy.</li>
 *   <li>{@link dev.descent.spark.bench.StepCost} and
 *       {@link dev.descent.spark.bench.EvaluationScaling}: the price of one Spark job per step,
 *       and how a full-batch evaluation scales with the executor threads.</li>
 * </ul>
 *
 * <p>Nothing here is part of the library's API: these classes exist to produce the published
 * figures ({@code scripts/spark-vs-mllib.sh}).
 */
package dev.descent.spark.bench;
