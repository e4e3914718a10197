package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FixedDecimals} writes exactly what {@code String.format(Locale.ROOT, "%.6f", v)} writes. */
class FixedDecimalsTest {

    private static void assertSame(float value) {
        String expected = String.format(Locale.ROOT, "%.6f", value);
        assertThat(FixedDecimals.six(value))
                .as("%s (bits %08x)", Float.toString(value), Float.floatToRawIntBits(value))
                .isEqualTo(expected);
    }

    @Test
    void edgeCases() {
        float[] values = {0f, 1f, 0.5f, 0.5e-6f, 0.9999995f, 1e-6f, 1.5e-6f, 2.5e-6f, 0.0000005f, 0.0000015f,
            0.9999994f, 0.9999996f, 0.999999f, 0.1f, 0.2f, 0.3f, 0.7f, 0.123456f, 0.1234565f, 0.0078125f,
            1f / 128, 3f / 128, 127f / 128, 1f / 3, 2f / 3, Float.MIN_VALUE, Float.MIN_NORMAL, Math.nextUp(0f),
            Math.nextDown(1f), Math.nextUp(1f), Math.nextDown(0.5f), Math.nextUp(0.5f), 1e-7f, 4.9999997e-7f,
            5.0000004e-7f, 2f, 10f, 123.456789f, 99999.99f, 1e9f, 8e9f, Math.scalb(1f, 33) * 0.999f,
            Math.scalb(1f, 33), 1e10f, 3e38f, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, -0f, -1e-9f, -0.5e-6f, -0.0000006f, -0.25f, -1f, -123.4567f, -1e12f};
        for (float value : values) {
            assertSame(value);
        }
    }

    /** Every float whose exact value is a tie at the seventh decimal (j/128 for odd j, …) and its neighbours. */
    @Test
    void tiesRoundHalfUp() {
        for (int denominator : new int[] {128, 64 * 128, 1 << 20, 1 << 24}) {
            for (int j = 1; j < Math.min(denominator, 4096); j += 2) {
                float tie = (float) j / denominator;
                assertSame(tie);
                assertSame(Math.nextUp(tie));
                assertSame(Math.nextDown(tie));
            }
        }
        assertThat(FixedDecimals.six(0.0078125f)).isEqualTo("0.007813");
    }

    /** The floats next to decimal ties (j + ½) · 10⁻⁶ across [0, 1]: where a wrong rounding would show. */
    @Test
    void floatsAroundSixthDecimalTies() {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 20_000; i++) {
            int j = i < 2_000 ? i : random.nextInt(1_000_000);
            float tie = (float) ((j + 0.5) / 1e6);
            float value = tie;
            for (int step = 0; step < 3; step++) {
                value = Math.nextDown(value);
            }
            for (int step = 0; step < 7; step++) {
                assertSame(value);
                value = Math.nextUp(value);
            }
        }
    }

    @Test
    void randomProbabilities() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            assertSame((float) random.nextDouble());
        }
        // softmax-like: tiny to near one, spread over the exponents
        for (int i = 0; i < 50_000; i++) {
            assertSame((float) Math.exp(-random.nextDouble() * 40));
            assertSame(1f - (float) Math.exp(-random.nextDouble() * 20));
        }
    }

    /** Random bit patterns: every exponent in [0, 1] (subnormals included), then all finite floats and their negatives. */
    @Test
    void randomBitPatterns() {
        SplittableRandom random = new SplittableRandom(7);
        int one = Float.floatToRawIntBits(1f);
        for (int i = 0; i < 100_000; i++) {
            assertSame(Float.intBitsToFloat(random.nextInt(one + 1)));
        }
        for (int i = 0; i < 30_000; i++) {
            assertSame(Float.intBitsToFloat(random.nextInt()));
        }
    }

    @Test
    void appendsToWhatIsThere() {
        StringBuilder line = new StringBuilder("7,Bag");
        FixedDecimals.appendSix(line.append(','), 0.25f);
        FixedDecimals.appendSix(line.append(','), 1f);
        assertThat(line.toString()).isEqualTo("7,Bag,0.250000,1.000000");
    }
}
