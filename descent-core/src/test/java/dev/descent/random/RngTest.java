package dev.descent.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SplitMix64: its sequence, its derived draws' distributions, and its saved state. */
class RngTest {
    private static final int N = 100_000;

    @Test
    void matchesTheJdksSplitMix64() {
        // java.util.SplittableRandom(seed) is SplitMix64 with the same golden gamma and mix
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            Rng rng = new Rng(seed);
            SplittableRandom oracle = new SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertThat(rng.nextLong()).as("seed %d draw %d", seed, i).isEqualTo(oracle.nextLong());
            }
        }
    }

    @Test
    void sameSeedSameSequenceAndAnotherSeedAnother() {
        Rng a = new Rng(123);
        Rng b = new Rng(123);
        Rng c = new Rng(124);
        long[] sa = new long[50];
        long[] sb = new long[50];
        long[] sc = new long[50];
        for (int i = 0; i < 50; i++) {
            sa[i] = a.nextLong();
            sb[i] = b.nextLong();
            sc[i] = c.nextLong();
        }
        assertThat(sa).containsExactly(sb);
        assertThat(sa).doesNotContain(sc);
    }

    @ParameterizedTest(name = "bound {0}")
    @ValueSource(ints = {2, 7, 10})
    void nextIntIsUniform(int bound) {
        Rng rng = new Rng(5);
        int[] counts = new int[bound];
        for (int i = 0; i < N; i++) {
            counts[rng.nextInt(bound)]++;
        }
        double expected = N / (double) bound;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        // df = bound − 1 ≤ 9: P(χ² > 40) < 1e-5, loose enough to hold for any sound generator
        assertThat(chiSquare).isLessThan(40);
    }

    @Test
    void nextIntCoversLargeBoundsAndTheTrivialOne() {
        Rng rng = new Rng(6);
        int bound = Integer.MAX_VALUE;
        int upperHalf = 0;
        for (int i = 0; i < 10_000; i++) {
            int v = rng.nextInt(bound);
            assertThat(v).isBetween(0, bound - 1);
            upperHalf += v >= bound / 2 ? 1 : 0;
            assertThat(rng.nextInt(1)).isZero();
        }
        assertThat(upperHalf).isBetween(4_700, 5_300);
    }

    @ParameterizedTest(name = "bound {0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void nextIntRejectsNonPositiveBounds(int bound) {
        assertThatThrownBy(() -> new Rng(1).nextInt(bound))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound must be positive, got " + bound);
    }

    @Property(tries = 50)
    void permutationIsAPermutation(@ForAll @IntRange(min = 0, max = 500) int n, @ForAll long seed) {
        int[] p = new Rng(seed).permutation(n);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(IntStream.range(0, n).toArray());
        assertThat(new Rng(seed).permutation(n)).containsExactly(p);
    }

    @Test
    void permutationsAreShuffledEvenly() {
        // each of the 6 orders of 3 items about equally often
        Rng rng = new Rng(7);
        int[] counts = new int[6];
        for (int i = 0; i < 60_000; i++) {
            int[] p = rng.permutation(3);
            counts[p[0] * 2 + (p[1] > p[2] ? 1 : 0)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500); // expected 10 000, sd ≈ 91
        }
    }

    @Test
    void stateRoundTrips() {
        Rng rng = new Rng(8);
        rng.nextLong();
        long state = rng.state();
        double[] first = {rng.nextDouble(), rng.nextGaussian(), rng.nextInt(17), rng.nextFloat()};
        rng.setState(state);
        double[] again = {rng.nextDouble(), rng.nextGaussian(), rng.nextInt(17), rng.nextFloat()};
        assertThat(again).containsExactly(first);
        Rng restored = new Rng(0);
        restored.setState(state);
        assertThat(restored.nextDouble()).isEqualTo(first[0]);
    }

    @Test
    void splitIsDeterministicAndAdvancesTheParentByOneDraw() {
        Rng parent = new Rng(9);
        Rng child = parent.split();
        Rng reference = new Rng(9);
        long childSeed = reference.nextLong();
        assertThat(child.nextLong()).isEqualTo(new Rng(childSeed).nextLong());
        assertThat(parent.nextLong()).isEqualTo(reference.nextLong());
    }

    @Test
    void nextGaussianHasMeanZeroAndStandardDeviationOne() {
        Rng rng = new Rng(10);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < N; i++) {
            double g = rng.nextGaussian();
            assertThat(g).isFinite();
            sum += g;
            sumSquares += g * g;
        }
        double mean = sum / N;
        double std = Math.sqrt(sumSquares / N - mean * mean);
        // standard errors: 1/√N ≈ 0.0032 for the mean, 1/√(2N) ≈ 0.0022 for the std
        assertThat(mean).isCloseTo(0, within(0.016));
        assertThat(std).isCloseTo(1, within(0.011));
    }

    @Test
    void uniformDrawsStayInTheUnitInterval() {
        Rng rng = new Rng(11);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double d = rng.nextDouble();
            float f = rng.nextFloat();
            assertThat(d).isGreaterThanOrEqualTo(0).isLessThan(1);
            assertThat(f).isGreaterThanOrEqualTo(0f).isLessThan(1f);
            sum += d;
        }
        assertThat(sum / N).isCloseTo(0.5, within(0.005)); // sd ≈ 0.0009
    }

    @Test
    void shuffleKeepsTheValues() {
        int[] values = {5, 5, 1, 9, -3, 0, 7};
        int[] shuffled = values.clone();
        new Rng(12).shuffle(shuffled);
        assertThat(shuffled).containsExactlyInAnyOrder(values);
    }
}
