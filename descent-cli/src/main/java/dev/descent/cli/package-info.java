/**
 * The {@code descent} command line (picocli): {@link dev.descent.cli.DescentCommand} and its
 * subcommands.
 *
 * <ul>
 *   <li>{@code train}: {@link dev.descent.cli.TrainCommand} turns options into a run
 *       configuration, {@link dev.descent.cli.TrainingRun} builds data, model and optimizer from
 *       it and trains, {@link dev.descent.cli.EpochProgress} prints each epoch,
 *       {@link dev.descent.cli.RunDirectory} keeps what the run leaves (config, metrics,
 *       checkpoints, model, summary), {@link dev.descent.cli.RunStatus} its status,
 *       {@link dev.descent.cli.StepMetricsLog} the training curve within epochs, and
 *       {@link dev.descent.cli.RunPlots} draws its plots; with {@code --serve},
 *       {@link dev.descent.cli.TrainingDashboard} serves the dashboard beside it;</li>
 *   <li>{@code serve}: {@link dev.descent.cli.ServeCommand} maps its options
 *       ({@link dev.descent.cli.ServeOptions}) onto {@code dev.descent.dashboard.Dashboard};</li>
 *   <li>{@code evaluate}, {@code predict}: a finished run's model on its data splits;</li>
 *   <li>{@code datasets}, {@code info}: what data is where, which kernels run;</li>
 *   <li>{@code bench}: throughput benchmarks of the training step, inference and GEMM
 *       ({@link dev.descent.cli.BenchServing}: what serving the dashboard costs the step);</li>
 *   <li>{@code experiment}: {@link dev.descent.cli.ExperimentCommand} runs one of
 *       {@code dev.descent.experiment}'s claims and writes its report;</li>
 *   <li>{@code report}: {@link dev.descent.cli.ReportCommand} compares finished runs in one HTML
 *       page ({@link dev.descent.cli.SavedRun}, {@link dev.descent.cli.ConfigDifferences},
 *       {@link dev.descent.cli.ComparisonPlots}, {@link dev.descent.cli.ReportPage}, and
 *       {@link dev.descent.cli.FinalMetric} with {@link dev.descent.cli.ClearBest}, which
 *       highlights a best value only when its lead exceeds the noise).</li>
 * </ul>
 *
 * Run configurations themselves (YAML, validated records) live in
 * {@link dev.descent.cli.config}.
 */
package dev.descent.cli;
