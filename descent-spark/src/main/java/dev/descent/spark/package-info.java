/**
 * Descent's training on Apache Spark. Descent keeps its models, losses, optimizers, schedules
 * and callbacks; Spark moves the data and the gradients, and owns scheduling, data placement,
 * retries and fault tolerance.
 *
 * <ul>
 *   <li>{@link dev.descent.spark.SparkExamples}: a data set cached on the executors as dense
 *       float blocks, one per partition, from a driver-side data set or, through
 *       {@link dev.descent.spark.SparkRows}, from a {@code Dataset<Row>} (Parquet, CSV, libsvm)
 *       or a {@code JavaRDD} of examples; bad rows are refused with the column, partition and
 *       row.</li>
 *   <li>{@link dev.descent.spark.SparkGradients}: synchronous data-parallel mini-batch SGD, as a
 *       {@link dev.descent.train.GradientSource} for the one {@link dev.descent.train.Trainer}.</li>
 *   <li>{@link dev.descent.spark.LocalSgd}: local SGD with periodic model averaging.</li>
 *   <li>{@link dev.descent.spark.SparkRisk}: the exact empirical risk and its gradient, for the
 *       full-batch solvers (gradient descent with line search, L-BFGS);
 *       {@link dev.descent.spark.SparkLogisticRisk} adds the Hessian of binary logistic
 *       regression, for Newton's method (IRLS).</li>
 *   <li>{@link dev.descent.spark.SparkSessions} starts Spark with quiet logs;
 *       {@link dev.descent.spark.SparkTrain} is the entry point for {@code spark-submit}.</li>
 * </ul>
 *
 * <p>Spark is a {@code provided} dependency: the user's cluster supplies it. Every sum over
 * partitions is taken in partition order, so a run is bit-reproducible, also when Spark
 * retries a failed task.
 */
package dev.descent.spark;
