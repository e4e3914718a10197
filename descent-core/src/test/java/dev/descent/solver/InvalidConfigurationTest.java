package dev.descent.solver;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table: each invalid setting and the message that names the parameter, the value and the allowed range. */
class InvalidConfigurationTest {

    private static Arguments row(ThrowingCallable construct, String message) {
        return Arguments.of(message, construct);
    }

    static Stream<Arguments> invalidSettings() {
        BacktrackingArmijo armijo = BacktrackingArmijo.defaults();
        StrongWolfe wolfe = StrongWolfe.defaults();
        StoppingCriteria stopping = StoppingCriteria.defaults();
        return Stream.of(
                row(() -> armijo.withSufficientDecrease(0),
                        "BacktrackingArmijo: sufficientDecrease (c) must be in (0, 1), got 0.0"),
                row(() -> armijo.withSufficientDecrease(1),
                        "BacktrackingArmijo: sufficientDecrease (c) must be in (0, 1), got 1.0"),
                row(() -> armijo.withSufficientDecrease(Double.NaN),
                        "BacktrackingArmijo: sufficientDecrease (c) must be in (0, 1), got NaN"),
                row(() -> armijo.withShrinkFactor(0),
                        "BacktrackingArmijo: shrinkFactor (ρ) must be in (0, 1), got 0.0"),
                row(() -> armijo.withShrinkFactor(1.5),
                        "BacktrackingArmijo: shrinkFactor (ρ) must be in (0, 1), got 1.5"),
                row(() -> armijo.withInitialStep(0),
                        "BacktrackingArmijo: initialStep (t₀) must be a finite number > 0, got 0.0"),
                row(() -> armijo.withInitialStep(Double.POSITIVE_INFINITY),
                        "BacktrackingArmijo: initialStep (t₀) must be a finite number > 0, got Infinity"),
                row(() -> armijo.withMaxEvaluations(0), "BacktrackingArmijo: maxEvaluations must be ≥ 1, got 0"),
                row(() -> wolfe.withSufficientDecrease(0),
                        "StrongWolfe: sufficientDecrease (c1) must be in (0, 1), got 0.0"),
                row(() -> wolfe.withCurvature(1e-4),
                        "StrongWolfe: curvature (c2) must be in (c1 = 1.0E-4, 1), got 1.0E-4"),
                row(() -> new StrongWolfe(0.5, 0.4, 1, 10),
                        "StrongWolfe: curvature (c2) must be in (c1 = 0.5, 1), got 0.4"),
                row(() -> wolfe.withCurvature(1), "StrongWolfe: curvature (c2) must be in (c1 = 1.0E-4, 1), got 1.0"),
                row(() -> wolfe.withMaxStep(-1), "StrongWolfe: maxStep must be a finite number > 0, got -1.0"),
                row(() -> wolfe.withMaxEvaluations(0), "StrongWolfe: maxEvaluations must be ≥ 1, got 0"),
                row(() -> Lbfgs.defaults().withHistory(0), "Lbfgs: history (m) must be ≥ 1, got 0"),
                row(() -> Lbfgs.defaults().withCurvatureThreshold(-1e-10),
                        "Lbfgs: curvatureThreshold (ε) must be a finite number ≥ 0, got -1.0E-10"),
                row(() -> StepSize.fixed(0), "StepSize.Fixed: step (α) must be a finite number > 0, got 0.0"),
                row(() -> StepSize.fixed(-0.1), "StepSize.Fixed: step (α) must be a finite number > 0, got -0.1"),
                row(() -> GradientDescent.withFixedStep(Double.NaN),
                        "StepSize.Fixed: step (α) must be a finite number > 0, got NaN"),
                row(() -> NesterovAcceleratedGradient.withFixedStep(0),
                        "NesterovAcceleratedGradient: lipschitz (L) must be a finite number > 0, got 0.0"),
                row(() -> NesterovAcceleratedGradient.withBacktracking(1).withGrowth(0.5),
                        "NesterovAcceleratedGradient: growth (η) must be a finite number ≥ 1 (1 = fixed step), got 0.5"),
                row(() -> stopping.withGradientTolerance(-1e-6),
                        "StoppingCriteria: gradientTolerance must be a finite number ≥ 0, got -1.0E-6"),
                row(() -> stopping.withGradientTolerance(Double.NaN),
                        "StoppingCriteria: gradientTolerance must be a finite number ≥ 0, got NaN"),
                row(() -> stopping.withRelativeChangeTolerance(-1),
                        "StoppingCriteria: relativeChangeTolerance must be a finite number ≥ 0, got -1.0"),
                row(() -> stopping.withRelativeGradientTolerance(Double.POSITIVE_INFINITY),
                        "StoppingCriteria: relativeGradientTolerance must be a finite number ≥ 0, got Infinity"),
                row(() -> stopping.withMaxIterations(-1), "StoppingCriteria: maxIterations must be ≥ 0, got -1"),
                row(() -> stopping.withMaxEvaluations(0), "StoppingCriteria: maxEvaluations must be ≥ 1, got 0"),
                row(() -> stopping.withMaxWallTime(Duration.ofSeconds(-1)),
                        "StoppingCriteria: maxWallTime must be ≥ 0 (PT0S), got PT-1S"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void anInvalidSettingIsRejectedWithAMessageNamingItsRange(String message, ThrowingCallable construct) {
        assertThatThrownBy(construct).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    static Stream<Arguments> missingParts() {
        return Stream.of(
                row(() -> new GradientDescent(null), "GradientDescent: stepSize must not be null"),
                row(() -> new StepSize.Armijo(null), "StepSize.Armijo: search must not be null"),
                row(() -> new Lbfgs(10, null, 0), "Lbfgs: lineSearch must not be null"),
                row(() -> new NonlinearConjugateGradient(null, StrongWolfe.defaults()),
                        "NonlinearConjugateGradient: beta must not be null"),
                row(() -> new NewtonMethod(null), "NewtonMethod: lineSearch must not be null"),
                row(() -> new ExactQuadraticLineSearch(null), "ExactQuadraticLineSearch: quadratic must not be null"),
                row(() -> StoppingCriteria.defaults().withMaxWallTime(null),
                        "StoppingCriteria: maxWallTime must not be null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingParts")
    void aMissingPartIsNamed(String message, ThrowingCallable construct) {
        assertThatThrownBy(construct).isInstanceOf(NullPointerException.class).hasMessage(message);
    }
}
