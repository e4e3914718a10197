package dev.descent.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every register tile, whichever one this CPU and JDK's {@link VectorGemm#MR} selects: each
 * element of the tile is the fused multiply-adds over k in order, bit for bit, so the tile height
 * (8 rows on AVX-512, 6 or 4 on AVX2) changes no result.
 */
class MicroKernelTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 256})
    void everyTileHeightSumsEachElementInTheSameOrder(int kc) {
        int nr = VectorGemm.NR;
        for (int rows : new int[] {8, 6, 4}) {
            Random random = new Random(31L * kc + rows);
            float[] packedA = new float[kc * rows + 5];
            float[] packedB = new float[kc * nr + 3];
            for (int i = 0; i < packedA.length; i++) {
                packedA[i] = random.nextFloat() * 2 - 1;
            }
            for (int i = 0; i < packedB.length; i++) {
                packedB[i] = random.nextFloat() * 2 - 1;
            }
            int aPanel = 5;
            int bPanel = 3;
            float[] tile = new float[rows * nr];
            if (rows == 8) {
                VectorGemm.microKernel(kc, packedA, aPanel, packedB, bPanel, tile);
            } else if (rows == 6) {
                VectorGemm.microKernel6(kc, packedA, aPanel, packedB, bPanel, tile);
            } else {
                VectorGemm.microKernel4(kc, packedA, aPanel, packedB, bPanel, tile);
            }
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < nr; j++) {
                    float expected = 0f;
                    for (int p = 0; p < kc; p++) {
                        expected = Math.fma(packedA[aPanel + p * rows + r], packedB[bPanel + p * nr + j], expected);
                    }
                    assertThat(tile[r * nr + j]).as("%d rows, element (%d, %d)", rows, r, j).isEqualTo(expected);
                }
            }
        }
    }
}
