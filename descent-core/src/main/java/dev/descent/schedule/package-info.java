/**
 * Learning-rate schedules: pure functions of the update count
 * ({@link dev.descent.schedule.LearningRateSchedule#valueAt(long)}, step 0 = the first update),
 * one per file, each with its formula and a reference in the Javadoc.
 *
 * <p>The optimizer's {@code lr} is the one statement of the rate: {@link dev.descent.schedule.Schedules}
 * has PyTorch's schedulers by name ({@code stepLR}, {@code cosineAnnealingLR}, …), as
 * {@link dev.descent.schedule.ScheduleShape}s that scale that lr; a schedule with rates of its
 * own must be stated for it ({@link dev.descent.schedule.LearningRateSchedule#baseRate()}).
 *
 * <ul>
 *   <li>Decays: {@link dev.descent.schedule.LinearDecay}, {@link dev.descent.schedule.InverseTimeDecay},
 *       {@link dev.descent.schedule.RecursiveInverseTimeDecay}, {@link dev.descent.schedule.ExponentialDecay},
 *       {@link dev.descent.schedule.StepDecay}, {@link dev.descent.schedule.MultiStepDecay},
 *       {@link dev.descent.schedule.PolynomialDecay}, {@link dev.descent.schedule.CosineAnnealing}.</li>
 *   <li>Cycles: {@link dev.descent.schedule.CosineAnnealingWarmRestarts}, {@link dev.descent.schedule.OneCycle}.</li>
 *   <li>Combinators: {@link dev.descent.schedule.LinearWarmup}, {@link dev.descent.schedule.Sequence}
 *       ({@code join}), {@link dev.descent.schedule.Scaled} ({@code scaledBy}),
 *       {@link dev.descent.schedule.EpochSchedule} (per-epoch schedules on the step clock).</li>
 *   <li>Driven by validation: {@link dev.descent.schedule.ReduceOnPlateau}, the one stateful
 *       schedule.</li>
 * </ul>
 *
 * The table with PyTorch equivalents is {@code docs/schedules.md}.
 */
package dev.descent.schedule;
