package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/** Properties every schedule of a kind must have, over random settings and steps. */
class SchedulePropertiesTest {

    /** A schedule and the interval its values must stay in. */
    record Bounded(LearningRateSchedule schedule, double low, double high) {}

    /** 10⁻⁶ … 10, log-uniform. */
    private static Arbitrary<Double> rateArbitrary() {
        return Arbitraries.doubles().between(-6, 1).ofScale(12).map(e -> Math.pow(10, e));
    }

    private static Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).ofScale(12);
    }

    private static Arbitrary<Long> lengths() {
        return Arbitraries.longs().between(1, 100_000);
    }

    @Provide("rates")
    Arbitrary<Double> provideRates() {
        return rateArbitrary();
    }

    /** Every decay, with random settings, and its interval [floor, initial]. */
    @Provide
    Arbitrary<Bounded> decays() {
        Arbitrary<Double> decayRates = Arbitraries.doubles().between(-12, 1).ofScale(12).map(e -> Math.pow(10, e));
        Arbitrary<Double> factors = Arbitraries.doubles().between(0.001, 1).ofScale(12);
        Arbitrary<Double> powers = Arbitraries.doubles().between(0.1, 5).ofScale(12);
        return Arbitraries.oneOf(
                Combinators.combine(rateArbitrary(), factors, lengths()).as((a, f, n) ->
                        new Bounded(new LinearDecay(a, a * f, n), a * f, a)),
                Combinators.combine(rateArbitrary(), decayRates).as((a, r) ->
                        new Bounded(new InverseTimeDecay(a, r), 0, a)),
                Combinators.combine(rateArbitrary(), decayRates).as((a, r) ->
                        new Bounded(new RecursiveInverseTimeDecay(a, r), 0, a)),
                Combinators.combine(rateArbitrary(), decayRates).as((a, r) ->
                        new Bounded(ExponentialDecay.withRate(a, r), 0, a)),
                Combinators.combine(rateArbitrary(), factors, lengths()).as((a, g, n) ->
                        new Bounded(new StepDecay(a, g, n), 0, a)),
                Combinators.combine(rateArbitrary(), factors, lengths(), lengths()).as((a, g, first, gap) ->
                        new Bounded(MultiStepDecay.of(a, g, first, first + gap), 0, a)),
                Combinators.combine(rateArbitrary(), fractions(), lengths(), powers).as((a, f, n, p) ->
                        new Bounded(new PolynomialDecay(a, a * f, n, p), a * f, a)),
                Combinators.combine(rateArbitrary(), fractions(), lengths()).as((a, f, n) ->
                        new Bounded(new CosineAnnealing(a, a * f, n), a * f, a)),
                Combinators.combine(rateArbitrary(), factors, lengths(), lengths()).as((a, f, n, gap) ->
                        new Bounded(LearningRateSchedule.join(new LinearDecay(a, a * f, n), n + gap,
                                LearningRateSchedule.constant(a * f)), a * f, a)));
    }

    @Provide
    Arbitrary<Long> steps() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, 1_000_000_000_000L));
    }

    @Property(tries = 2_000)
    void decaysNeverRiseAndStayBetweenTheirFloorAndStart(@ForAll("decays") Bounded decay,
            @ForAll("steps") long start) {
        LearningRateSchedule schedule = decay.schedule();
        assertThat(schedule.valueAt(0)).as("%s at 0", schedule).isEqualTo(decay.high());
        double previous = schedule.valueAt(start);
        for (long t = start + 1; t <= start + 64; t++) {
            double value = schedule.valueAt(t);
            assertThat(value).as("%s at %d", schedule, t)
                    .isLessThanOrEqualTo(previous)
                    .isBetween(decay.low(), decay.high());
            previous = value;
        }
    }

    @Property(tries = 500)
    void warmRestartsStayInRangeAndOnlyRiseAtARestart(@ForAll("rates") double initial,
            @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double f,
            @ForAll @LongRange(min = 1, max = 50) long firstPeriod,
            @ForAll @IntRange(min = 1, max = 4) int multiplier) {
        CosineAnnealingWarmRestarts schedule =
                new CosineAnnealingWarmRestarts(initial, initial * f, firstPeriod, multiplier);
        double previous = schedule.valueAt(0);
        for (long t = 1; t < 2_000; t++) {
            double value = schedule.valueAt(t);
            assertThat(value).isBetween(initial * f, initial);
            if (value > previous) {
                assertThat(value).as("a rise is a restart, at %d", t).isEqualTo(initial);
            }
            previous = value;
        }
    }

    @Property(tries = 500)
    void oneCycleRisesToItsPeakThenFallsStayingWithinItsRates(
            @ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 10) double maxRate,
            @ForAll @LongRange(min = 20, max = 3_000) long totalSteps,
            @ForAll @Scale(12) @DoubleRange(min = 0.1, max = 0.9) double warmup,
            @ForAll boolean cosine,
            @ForAll @Scale(12) @DoubleRange(min = 1, max = 100) double divisor,
            @ForAll @Scale(12) @DoubleRange(min = 1, max = 1e5) double finalDivisor) {
        OneCycle schedule = new OneCycle(maxRate, totalSteps, warmup,
                cosine ? OneCycle.Annealing.COSINE : OneCycle.Annealing.LINEAR, divisor, finalDivisor);
        long peak = (long) Math.floor(warmup * totalSteps - 1);
        for (long t = 0; t <= totalSteps; t++) {
            double value = schedule.valueAt(t);
            assertThat(value).isBetween(schedule.minimumRate(), maxRate);
            if (t > 0 && t <= peak) {
                assertThat(value).as("rising at %d", t).isGreaterThanOrEqualTo(schedule.valueAt(t - 1));
            } else if (t > peak + 1) {
                assertThat(value).as("falling at %d", t).isLessThanOrEqualTo(schedule.valueAt(t - 1));
            }
        }
    }

    @Property(tries = 1_000)
    void warmupRisesAndIsContinuousIntoTheScheduleItPrecedes(@ForAll("decays") Bounded decay,
            @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double f,
            @ForAll @LongRange(min = 1, max = 10_000) long warmupSteps) {
        LinearWarmup schedule = new LinearWarmup(f, warmupSteps, decay.schedule());
        double target = decay.schedule().valueAt(0);
        assertThat(schedule.valueAt(0)).isCloseTo(f * target, within(1e-15 * target));
        double lastRise = schedule.valueAt(warmupSteps) - schedule.valueAt(warmupSteps - 1);
        assertThat(lastRise).isBetween(0.0, (1 - f) * target / warmupSteps + 4 * Math.ulp(target));
        for (long t = 1; t < Math.min(warmupSteps, 200); t++) {
            assertThat(schedule.valueAt(t))
                    .isGreaterThanOrEqualTo(schedule.valueAt(t - 1))
                    .isLessThanOrEqualTo(target);
        }
    }

    @Property(tries = 1_000)
    void joinSwitchesAtTheBoundaryAndShiftsTheSecondSchedule(@ForAll("decays") Bounded a,
            @ForAll("decays") Bounded b, @ForAll @LongRange(min = 0, max = 1_000_000) long boundary,
            @ForAll @LongRange(min = 0, max = 1_000_000) long k) {
        LearningRateSchedule joined = LearningRateSchedule.join(a.schedule(), boundary, b.schedule());
        assertThat(joined.valueAt(boundary + k)).isEqualTo(b.schedule().valueAt(k));
        if (k < boundary) {
            assertThat(joined.valueAt(k)).isEqualTo(a.schedule().valueAt(k));
        }
    }

    @Property(tries = 1_000)
    void linearDecayJoinedToItsFloorIsContinuous(@ForAll("rates") double initial,
            @ForAll @Scale(12) @DoubleRange(min = 0.001, max = 1) double f,
            @ForAll @LongRange(min = 1, max = 1_000_000) long decaySteps) {
        LearningRateSchedule schedule = LearningRateSchedule.join(new LinearDecay(initial, initial * f, decaySteps),
                decaySteps, LearningRateSchedule.constant(initial * f));
        double jump = schedule.valueAt(decaySteps - 1) - schedule.valueAt(decaySteps);
        // the jump is a difference of two rates, so it is known to a few ulps of the rate
        assertThat(jump).isBetween(0.0, (initial - initial * f) / decaySteps + 4 * Math.ulp(initial));
        assertThat(schedule.valueAt(decaySteps)).isEqualTo(schedule.valueAt(decaySteps + 1));
    }

    @Property(tries = 1_000)
    void anEpochScheduleReadsTheEpochOfTheStep(@ForAll("decays") Bounded perEpoch,
            @ForAll @LongRange(min = 1, max = 10_000) long stepsPerEpoch,
            @ForAll @LongRange(min = 0, max = 1_000_000_000) long step) {
        EpochSchedule schedule = EpochSchedule.toSteps(perEpoch.schedule(), stepsPerEpoch);
        assertThat(schedule.valueAt(step)).isEqualTo(perEpoch.schedule().valueAt(step / stepsPerEpoch));
        long epochStart = step - step % stepsPerEpoch;
        assertThat(schedule.valueAt(epochStart)).isEqualTo(schedule.valueAt(epochStart + stepsPerEpoch - 1));
    }

    @Property(tries = 2_000)
    void interpolationIsExactAtTheEndsMonotoneAndInside(@ForAll("rates") double from, @ForAll("rates") double to,
            @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double fraction,
            @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double other) {
        assertThat(Interpolation.between(from, to, 0)).isEqualTo(from);
        assertThat(Interpolation.between(from, to, 1)).isEqualTo(to);
        assertThat(Interpolation.between(from, to, fraction)).isBetween(Math.min(from, to), Math.max(from, to));
        double atLower = Interpolation.between(from, to, Math.min(fraction, other));
        double atUpper = Interpolation.between(from, to, Math.max(fraction, other));
        if (from <= to) {
            assertThat(atLower).isLessThanOrEqualTo(atUpper);
        } else {
            assertThat(atLower).isGreaterThanOrEqualTo(atUpper);
        }
    }
}
