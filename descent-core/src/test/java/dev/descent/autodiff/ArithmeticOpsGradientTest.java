package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * add, sub, mul, div, minimum and maximum with same-shape, row and scalar broadcasting, and
 * scale, against finite differences. (Random operands never tie, so minimum and maximum are
 * checked away from their kinks; MinimumMaximumTest checks ties and NaN.)
 */
class ArithmeticOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    enum Op {
        ADD(ArithmeticOps::add, (a, b) -> a + b),
        SUB(ArithmeticOps::sub, (a, b) -> a - b),
        MUL(ArithmeticOps::mul, (a, b) -> a * b),
        DIV(ArithmeticOps::div, (a, b) -> a / b),
        MINIMUM(ArithmeticOps::minimum, Math::min),
        MAXIMUM(ArithmeticOps::maximum, Math::max);

        final BinaryOperator<Variable> variable;
        final DoubleBinaryOperator reference;

        Op(BinaryOperator<Variable> variable, DoubleBinaryOperator reference) {
            this.variable = variable;
            this.reference = reference;
        }
    }

    /** Shapes of the second operand against a first operand [2, 3, 4] or [3, 4]. */
    static Stream<Arguments> broadcasts() {
        int[][] firstShapes = {{3, 4}, {2, 3, 4}};
        int[][] secondShapes = {null /* same */, {4}, {1, 4}, {}, {1}, {1, 1}};
        return Arrays.stream(Op.values()).flatMap(op -> Arrays.stream(firstShapes).flatMap(a ->
                Arrays.stream(secondShapes).map(b -> Arguments.of(op, a, b == null ? a : b))));
    }

    /**
     * The same elementwise function in double: the second operand's element for flat index i
     * of the first is i (same shape), i mod columns (a row) or 0 (a single value).
     */
    static double[] broadcastReference(DoubleBinaryOperator f, double[] a, double[] b, int columns) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            int j = b.length == a.length ? i : b.length == 1 ? 0 : i % columns;
            y[i] = f.applyAsDouble(a[i], b[j]);
        }
        return y;
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("broadcasts")
    void binaryOperationWithBroadcast(Op op, int[] aDims, int[] bDims) {
        Rng rng = new Rng(21);
        Tensor a = RandomTensors.uniform(rng, -2, 2, aDims);
        // divisors stay away from 0, where 1/b is steep and finite differences lose digits
        Tensor b = op == Op.DIV ? RandomTensors.awayFromZero(rng, 0.5, 2, bDims) : RandomTensors.uniform(rng, -2, 2, bDims);
        int columns = aDims[aDims.length - 1];

        GradientChecker.Report report = CHECKER.verify(op + Arrays.toString(aDims) + Arrays.toString(bDims),
                in -> op.variable.apply(in[0], in[1]),
                x -> broadcastReference(op.reference, x[0], x[1], columns), a, b);
        assertThat(report.comparisons()).isGreaterThan(a.size() + b.size());
    }

    /** add, mul, minimum and maximum commute, so the smaller operand may come first; the result has the larger shape. */
    static Stream<Arguments> swappedOperands() {
        int[][] smallShapes = {{4}, {1, 4}, {}, {1}};
        return Stream.of(Op.ADD, Op.MUL, Op.MINIMUM, Op.MAXIMUM).flatMap(op -> Arrays.stream(smallShapes).map(s -> Arguments.of(op, s)));
    }

    @ParameterizedTest(name = "{0}({1}, [3, 4])")
    @MethodSource("swappedOperands")
    void commutingOperationsAcceptTheSmallerOperandFirst(Op op, int[] smallDims) {
        Rng rng = new Rng(22);
        Tensor small = RandomTensors.uniform(rng, -2, 2, smallDims);
        Tensor big = RandomTensors.uniform(rng, -2, 2, 3, 4);

        CHECKER.verify(op + " swapped", in -> {
            Variable y = op.variable.apply(in[0], in[1]);
            assertThat(y.shape()).isEqualTo(big.shape());
            return y;
        }, x -> broadcastReference(op.reference, x[1], x[0], 4), small, big);
    }

    @Test
    void instanceShorthandsMatchTheStaticOperations() {
        Rng rng = new Rng(23);
        Tensor a = RandomTensors.uniform(rng, -2, 2, 2, 3);
        Tensor b = RandomTensors.awayFromZero(rng, 0.5, 2, 3);
        CHECKER.verify("a.add(b).mul(a).sub(b).div(b)", in -> in[0].add(in[1]).mul(in[0]).sub(in[1]).div(in[1]), x -> {
            double[] y = new double[6];
            for (int i = 0; i < 6; i++) {
                double av = x[0][i];
                double bv = x[1][i % 3];
                y[i] = ((av + bv) * av - bv) / bv;
            }
            return y;
        }, a, b);
    }

    @ParameterizedTest(name = "{0}(x, x)")
    @MethodSource("ops")
    void aVariableOnBothSidesGetsBothContributions(Op op) {
        Tensor a = RandomTensors.awayFromZero(new Rng(24), 0.5, 2, 2, 3);
        CHECKER.verify(op + "(x, x)", in -> op.variable.apply(in[0], in[0]),
                x -> broadcastReference(op.reference, x[0], x[0], 3), a);
    }

    static Stream<Op> ops() {
        return Arrays.stream(Op.values());
    }

    @Test
    void scale() {
        Tensor a = RandomTensors.uniform(new Rng(25), -2, 2, 3, 4);
        CHECKER.verify("scale(-2.5)", in -> in[0].scale(-2.5f), x -> Arrays.stream(x[0]).map(v -> -2.5 * v).toArray(), a);
        CHECKER.verify("scale(0)", in -> ArithmeticOps.scale(in[0], 0f), x -> new double[x[0].length], a);
    }

    @Test
    void onlyOperandsThatWantAGradientGetOne() {
        Tape tape = new Tape();
        Variable data = tape.input(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Variable bias = Variable.parameter(Tensor.of(new float[] {1, 1, 1}, 3));
        data.mul(bias).sum().backward();
        assertThat(data.grad()).isNull();
        assertThat(bias.grad().data()).containsExactly(5f, 7f, 9f);
    }

    @Test
    void incompatibleShapesAreRejectedWithBothShapes() {
        Tape tape = new Tape();
        Variable a = tape.input(Tensor.zeros(3, 4));
        Variable column = tape.input(Tensor.zeros(3, 1));
        Variable row = tape.input(Tensor.zeros(4));
        for (Op op : Op.values()) {
            assertThatThrownBy(() -> op.variable.apply(a, column))
                    .as(op.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[3, 1]").hasMessageContaining("[3, 4]");
        }
        // sub and div do not commute: the broadcast operand must come second
        assertThatThrownBy(() -> ArithmeticOps.sub(row, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sub:");
        assertThatThrownBy(() -> ArithmeticOps.div(row, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("div:");
    }
}
