/**
 * Learning-rate schedules: pure functions of the update count
 * ({@link dev.descent.schedule.LearningRateSchedule}), each with its formula in the Javadoc.
 */
package dev.descent.schedule;
