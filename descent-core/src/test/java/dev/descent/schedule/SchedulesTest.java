package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each PyTorch-named factory against PyTorch's formula: the rate before each of the first
 * steps, anchored at the optimizer's lr. Rows marked "torch 1.13" hold values recorded from
 * the scheduler (the same ones the schedule classes' tests hold); the others are worked out by
 * hand from the formula in the comment.
 */
class SchedulesTest {

    private record Row(String call, ScheduleShape shape, double lr, double relative, double[] expected) {
        @Override
        public String toString() {
            return call + " at lr " + lr;
        }
    }

    private static Row row(String call, ScheduleShape shape, double lr, double relative, double... expected) {
        return new Row(call, shape, lr, relative, expected);
    }

    static Stream<Row> rows() {
        return Stream.of(
                // torch 1.13: StepLR(SGD(lr=0.1), step_size=3, gamma=0.5)
                row("stepLR(3, 0.5)", Schedules.stepLR(3, 0.5), 0.1, 0,
                        0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125),
                // StepLR(step_size=2) with gamma=0.1: α₀·0.1^⌊t/2⌋
                row("stepLR(2)", Schedules.stepLR(2), 0.5, 1e-15, 0.5, 0.5, 0.05, 0.05, 0.005),
                // torch 1.13: MultiStepLR(SGD(lr=0.1), milestones=[2, 5, 9], gamma=0.1)
                row("multiStepLR([2, 5, 9], 0.1)", Schedules.multiStepLR(List.of(2, 5, 9), 0.1), 0.1, 1e-14,
                        0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
                        0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
                        0.00010000000000000003, 0.00010000000000000003, 0.00010000000000000003),
                // MultiStepLR(milestones=[1, 3]) with gamma=0.1: α₀·0.1^(milestones ≤ t)
                row("multiStepLR([1, 3])", Schedules.multiStepLR(List.of(1L, 3L)), 1, 1e-15, 1, 0.1, 0.1, 0.01, 0.01),
                // torch 1.13: ExponentialLR(SGD(lr=0.1), gamma=0.9)
                row("exponentialLR(0.9)", Schedules.exponentialLR(0.9), 0.1, 1e-14,
                        0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002,
                        0.05904900000000002),
                // ExponentialLR(gamma=0.9) at lr 0.5: 0.5·0.9^t, the 0.45 at t = 1
                row("exponentialLR(0.9) at 0.5", Schedules.exponentialLR(0.9), 0.5, 1e-14, 0.5, 0.45, 0.405, 0.3645),
                // torch 1.13: CosineAnnealingLR(SGD(lr=0.1), T_max=10, eta_min=0.001)
                row("cosineAnnealingLR(10, 0.001)", Schedules.cosineAnnealingLR(10, 0.001), 0.1, 1e-13,
                        0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742, 0.0657963412215599, 0.0505,
                        0.03520365877844011, 0.02140463001152259, 0.010453658778440109, 0.0034227024433899004, 0.001),
                // CosineAnnealingLR(T_max=4) with eta_min=0: 0.1·½(1 + cos(πt/4)), then 0 (PyTorch would rise again)
                row("cosineAnnealingLR(4)", Schedules.cosineAnnealingLR(4), 0.1, 1e-15,
                        0.1, 0.08535533905932738, 0.05, 0.014644660940672627, 0, 0),
                // torch 1.13: LinearLR(SGD(lr=0.1), start_factor=0.25, total_iters=4)
                row("linearLR(0.25, 1, 4)", Schedules.linearLR(0.25, 1, 4), 0.1, 1e-14,
                        0.025, 0.043750000000000004, 0.06250000000000001, 0.08125000000000002, 0.10000000000000002,
                        0.10000000000000002, 0.10000000000000002),
                // torch 1.13: LinearLR(SGD(lr=0.1), start_factor=1, end_factor=0.25, total_iters=4)
                row("linearLR(1, 0.25, 4)", Schedules.linearLR(1, 0.25, 4), 0.1, 1e-14,
                        0.1, 0.08125, 0.0625, 0.04375, 0.025, 0.025),
                // LinearLR() defaults start 1/3, end 1, 5 iterations: 0.3·(1/3 + (2/3)·t/5) = 0.1 + 0.04·t
                row("linearLR()", Schedules.linearLR(), 0.3, 1e-15, 0.1, 0.14, 0.18, 0.22, 0.26, 0.3, 0.3),
                // LinearLR(start_factor=1, end_factor=0, total_iters=4): 0.2·(1 − t/4), then 0
                row("linearLR(1, 0, 4)", Schedules.linearLR(1, 0, 4), 0.2, 1e-15, 0.2, 0.15, 0.1, 0.05, 0, 0),
                // ConstantLR() defaults factor 1/3, 5 iterations: 0.3/3 for t < 5, then 0.3
                row("constantLR()", Schedules.constantLR(), 0.3, 1e-15, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.3),
                // ConstantLR(factor=0.5, total_iters=2): 0.05, 0.05, then 0.1
                row("constantLR(0.5, 2)", Schedules.constantLR(0.5, 2), 0.1, 1e-15, 0.05, 0.05, 0.1, 0.1),
                // torch 1.13: PolynomialLR(SGD(lr=0.1), total_iters=4, power=2.0)
                row("polynomialLR(4, 2)", Schedules.polynomialLR(4, 2), 0.1, 1e-14,
                        0.1, 0.05625, 0.024999999999999998, 0.0062499999999999995, 0.0, 0.0, 0.0),
                // PolynomialLR() defaults 5 iterations, power 1: 0.1·(1 − t/5)
                row("polynomialLR()", Schedules.polynomialLR(), 0.1, 1e-15, 0.1, 0.08, 0.06, 0.04, 0.02, 0, 0),
                // torch 1.13: OneCycleLR(SGD(lr=0.1), max_lr=0.1, total_steps=20, cycle_momentum=False)
                row("oneCycleLR(20)", Schedules.oneCycleLR(20), 0.1, 1e-13,
                        0.0040000000000000036, 0.013167184270002533, 0.037167184270002526, 0.06683281572999747,
                        0.09083281572999748, 0.1, 0.09874640062350874, 0.09504846320134738, 0.089091617757105,
                        0.0811745653949763, 0.07169430017913009, 0.06112620219362893, 0.0500002, 0.03887419780637107,
                        0.028306099820869922, 0.0188258346050237, 0.010908782242895003, 0.004951936798652629,
                        0.0012539993764912555, 4e-07),
                // torch 1.13: OneCycleLR(SGD(lr=0.1), max_lr=0.1, total_steps=10, pct_start=0.25,
                //             anneal_strategy='linear', div_factor=10, final_div_factor=100, cycle_momentum=False)
                row("oneCycleLR(10, 0.25, LINEAR, 10, 100)",
                        Schedules.oneCycleLR(10, 0.25, OneCycle.Annealing.LINEAR, 10, 100), 0.1, 1e-13,
                        0.01, 0.07, 0.09334, 0.08002000000000001, 0.06670000000000001, 0.053380000000000004,
                        0.040060000000000005, 0.026740000000000014, 0.013420000000000001, 0.00010000000000000286),
                // torch 1.13: CosineAnnealingWarmRestarts(SGD(lr=0.1), T_0=3, T_mult=2, eta_min=0.001)
                row("cosineAnnealingWarmRestarts(3, 2, 0.001)", Schedules.cosineAnnealingWarmRestarts(3, 2, 0.001),
                        0.1, 1e-14,
                        0.1, 0.07525000000000001, 0.025750000000000012, 0.1, 0.09336825748732973, 0.07525000000000001,
                        0.0505, 0.025750000000000012, 0.007631742512670284, 0.1),
                // torch 1.13: CosineAnnealingWarmRestarts(SGD(lr=0.1), T_0=4, T_mult=1, eta_min=0)
                row("cosineAnnealingWarmRestarts(4)", Schedules.cosineAnnealingWarmRestarts(4), 0.1, 1e-14,
                        0.1, 0.08535533905932738, 0.05, 0.014644660940672627, 0.1, 0.08535533905932738),
                // CosineAnnealingWarmRestarts(T_0=2, T_mult=2), eta_min=0: periods 2, 4; ½(1 + cos(π·T_cur/T_i))
                row("cosineAnnealingWarmRestarts(2, 2)", Schedules.cosineAnnealingWarmRestarts(2, 2), 1, 1e-15,
                        1, 0.5, 1, 0.8535533905932737, 0.5, 0.14644660940672627, 1),
                // LambdaLR(lr_lambda=lambda t: 1 / (1 + t)): 0.1/(1 + t)
                row("lambdaLR(1/(1+t))", Schedules.lambdaLR(t -> 1.0 / (1 + t)), 0.1, 1e-15,
                        0.1, 0.05, 0.1 / 3, 0.025),
                // torch 1.13: SequentialLR(SGD(lr=0.1), [LinearLR(start_factor=0.1, total_iters=5),
                //             CosineAnnealingLR(T_max=10, eta_min=0)], milestones=[5])
                row("sequentialLR(linearLR(0.1, 1, 5), 5, cosineAnnealingLR(10))",
                        Schedules.sequentialLR(Schedules.linearLR(0.1, 1, 5), 5, Schedules.cosineAnnealingLR(10)),
                        0.1, 1e-13,
                        0.010000000000000002, 0.028000000000000004, 0.046000000000000006, 0.064, 0.082, 0.1,
                        0.09755282581475769, 0.09045084971874738, 0.07938926261462367, 0.06545084971874739,
                        0.05000000000000001, 0.03454915028125264, 0.020610737385376353, 0.009549150281252635,
                        0.002447174185242324, 0.0),
                // torch 1.13: MultiStepLR(SGD(lr=0.1), milestones=[2, 4], gamma=0.5), scheduler.step() after each
                // epoch of 3 optimizer steps
                row("multiStepLR([2, 4], 0.5).perEpoch(3)", Schedules.multiStepLR(List.of(2, 4), 0.5).perEpoch(3),
                        0.1, 0,
                        0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05,
                        0.025, 0.025, 0.025, 0.025, 0.025, 0.025));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void followsPyTorchsFormula(Row row) {
        ScheduleAssertions.assertFirstSteps(row.shape().of(row.lr()), row.relative(), row.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isStatedForTheRateItIsAnchoredAt(Row row) {
        assertThat(row.shape().of(row.lr()).baseRate()).isEqualTo(row.lr());
    }

    @Test
    void theDefaultsArePyTorchs() {
        assertThat(Schedules.stepLR(7).of(1).valueAt(7)).isEqualTo(Schedules.stepLR(7, 0.1).of(1).valueAt(7));
        assertThat(Schedules.multiStepLR(List.of(3)).of(1).valueAt(3)).isEqualTo(0.1);
        assertThat(Schedules.cosineAnnealingLR(9).toString()).isEqualTo("cosineAnnealingLR(tMax=9, etaMin=0.0)");
        assertThat(Schedules.linearLR().toString())
                .isEqualTo("linearLR(startFactor=" + 1.0 / 3 + ", endFactor=1.0, totalIters=5)");
        assertThat(Schedules.constantLR().toString()).isEqualTo("constantLR(factor=" + 1.0 / 3 + ", totalIters=5)");
        assertThat(Schedules.polynomialLR().toString()).isEqualTo("polynomialLR(totalIters=5, power=1.0)");
        assertThat(Schedules.oneCycleLR(100).toString()).isEqualTo(
                "oneCycleLR(totalSteps=100, pctStart=0.3, annealStrategy=COSINE, divFactor=25.0, finalDivFactor=10000.0)");
        assertThat(Schedules.cosineAnnealingWarmRestarts(5).toString())
                .isEqualTo("cosineAnnealingWarmRestarts(t0=5, tMult=1, etaMin=0.0)");
    }

    static Stream<Arguments> invalidArguments() {
        return Stream.of(
                Arguments.of((Runnable) () -> Schedules.stepLR(0), "stepLR: stepSize must be ≥ 1, got 0"),
                Arguments.of((Runnable) () -> Schedules.stepLR(10, 1.5), "stepLR: gamma must be in (0, 1], got 1.5"),
                Arguments.of((Runnable) () -> Schedules.multiStepLR(List.of(30, 20)),
                        "multiStepLR: milestones must be strictly increasing steps ≥ 1 (20 is not), got [30, 20]"),
                Arguments.of((Runnable) () -> Schedules.multiStepLR(List.of(2.5)),
                        "multiStepLR: milestones must be whole steps (2.5 is not), got [2.5]"),
                Arguments.of((Runnable) () -> Schedules.exponentialLR(0), "exponentialLR: gamma must be in (0, 1], got 0.0"),
                Arguments.of((Runnable) () -> Schedules.cosineAnnealingLR(0), "cosineAnnealingLR: tMax must be ≥ 1, got 0"),
                Arguments.of((Runnable) () -> Schedules.cosineAnnealingLR(10, -0.1),
                        "cosineAnnealingLR: etaMin must be a finite number ≥ 0, got -0.1"),
                Arguments.of((Runnable) () -> Schedules.linearLR(0, 1, 5),
                        "linearLR: startFactor must be in (0, 1], got 0.0"),
                Arguments.of((Runnable) () -> Schedules.linearLR(1, 1.5, 5),
                        "linearLR: endFactor must be in [0, 1], got 1.5"),
                Arguments.of((Runnable) () -> Schedules.constantLR(2, 5), "constantLR: factor must be in [0, 1], got 2.0"),
                Arguments.of((Runnable) () -> Schedules.polynomialLR(5, 0), "polynomialLR: power must be a finite number > 0, got 0.0"),
                Arguments.of((Runnable) () -> Schedules.oneCycleLR(3),
                        "oneCycleLR: pctStart must be in (0, 1) with pctStart·totalSteps > 1"),
                Arguments.of((Runnable) () -> Schedules.oneCycleLR(100, 0.3, OneCycle.Annealing.COSINE, 0.5, 1e4),
                        "oneCycleLR: divFactor must be a finite number ≥ 1, got 0.5"),
                Arguments.of((Runnable) () -> Schedules.cosineAnnealingWarmRestarts(10, 0),
                        "cosineAnnealingWarmRestarts: tMult must be ≥ 1, got 0"),
                Arguments.of((Runnable) () -> Schedules.sequentialLR(Schedules.linearLR(), -1, Schedules.stepLR(5)),
                        "sequentialLR: milestone must be ≥ 0, got -1"),
                Arguments.of((Runnable) () -> Schedules.stepLR(5).perEpoch(0),
                        "stepLR(stepSize=5, gamma=0.1): stepsPerEpoch must be ≥ 1, got 0"),
                Arguments.of((Runnable) () -> Schedules.stepLR(5).of(0),
                        "stepLR(stepSize=5, gamma=0.1): the base rate (lr) must be a finite number > 0, got 0.0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidArguments")
    void refusesArgumentsWhenTheShapeIsMadeNamingThem(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void anEtaMinAboveTheLrIsRefusedNamingTheShapeAndTheLr() {
        assertThatThrownBy(() -> Schedules.cosineAnnealingLR(10, 0.5).of(0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cosineAnnealingLR(tMax=10, etaMin=0.5) at lr 0.1: "
                        + "CosineAnnealing: floor must be in [0, initial = 0.1], got 0.5");
    }

    @Test
    void evaluatingTheSchedulesAllocatesNothing() {
        List<LearningRateSchedule> schedules = rows().map(row -> row.shape().of(row.lr())).toList();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            sink += sweep(schedules);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        sink += sweep(schedules);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated over 10 000 steps of each schedule").isLessThan(1_000);
    }

    private static double sweep(List<LearningRateSchedule> schedules) {
        double sum = 0;
        for (LearningRateSchedule schedule : schedules) {
            for (long step = 0; step < 10_000; step++) {
                sum += schedule.valueAt(step);
            }
        }
        return sum;
    }
}
