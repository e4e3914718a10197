package dev.descent.kernel.simd;

import static dev.descent.kernel.simd.VectorGemm.LANES;
import static dev.descent.kernel.simd.VectorGemm.MR;
import static dev.descent.kernel.simd.VectorGemm.NR;
import static dev.descent.kernel.simd.VectorGemm.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of op(A) and op(B) into the panel layout the micro-kernel reads with unit
 * stride: an A panel holds {@code MR} rows, stored k-step by k-step ({@code MR} values per
 * step); a B panel holds {@code NR} columns the same way. Rows or columns missing at the
 * edge of a matrix are stored as zeros, so the kernel never needs a tail case.
 *
 * <p>One method per storage order, each a plain loop: the transpose flag is decided before the
 * loops, never inside them.
 */
final class VectorPacking {
    private VectorPacking() {
    }

    /** B stored k×n (row p holds op(B)[p][*]): each panel step is two vector copies. */
    static void packB(float[] b, int bOffset, int ldb, int pc, int kc, int jc, int nc, float[] packed) {
        for (int jr = 0; jr < nc; jr += NR) {
            int dst = jr * kc;
            int src = bOffset + pc * ldb + jc + jr;
            int columns = Math.min(NR, nc - jr);
            if (columns == NR) {
                for (int p = 0; p < kc; p++) {
                    int s = src + p * ldb;
                    int d = dst + p * NR;
                    FloatVector.fromArray(SPECIES, b, s).intoArray(packed, d);
                    FloatVector.fromArray(SPECIES, b, s + LANES).intoArray(packed, d + LANES);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int s = src + p * ldb;
                    int d = dst + p * NR;
                    for (int j = 0; j < columns; j++) {
                        packed[d + j] = b[s + j];
                    }
                    for (int j = columns; j < NR; j++) {
                        packed[d + j] = 0f;
                    }
                }
            }
        }
    }

    /** B stored n×k (row j holds op(B)[*][j]), as {@code x·Wᵀ} passes it: a transposing copy. */
    static void packBTransposed(float[] b, int bOffset, int ldb, int pc, int kc, int jc, int nc, float[] packed) {
        for (int jr = 0; jr < nc; jr += NR) {
            int dst = jr * kc;
            int columns = Math.min(NR, nc - jr);
            transpose(b, bOffset + (jc + jr) * ldb + pc, ldb, columns, kc, packed, dst, NR);
        }
    }

    /** A stored m×k (row i holds op(A)[i][*]): a transposing copy into MR-row panels. */
    static void packA(float[] a, int aOffset, int lda, int ic, int mc, int pc, int kc, float[] packed) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            transpose(a, aOffset + (ic + ir) * lda + pc, lda, rows, kc, packed, ir * kc, MR);
        }
    }

    /** A stored k×m (row p holds op(A)[*][p]), as {@code dYᵀ·X} passes it: MR contiguous values per step. */
    static void packATransposed(float[] a, int aOffset, int lda, int ic, int mc, int pc, int kc, float[] packed) {
        for (int ir = 0; ir < mc; ir += MR) {
            int dst = ir * kc;
            int src = aOffset + pc * lda + ic + ir;
            int rows = Math.min(MR, mc - ir);
            for (int p = 0; p < kc; p++) {
                int s = src + p * lda;
                int d = dst + p * MR;
                for (int r = 0; r < rows; r++) {
                    packed[d + r] = a[s + r];
                }
                for (int r = rows; r < MR; r++) {
                    packed[d + r] = 0f;
                }
            }
        }
    }

    /**
     * {@code packed[dst + p·width + j] = x[src + j·ld + p]} for {@code j < count}, zero for
     * {@code count <= j < width}, over {@code p < kc}: {@code count} source rows become
     * columns of a panel {@code width} wide.
     */
    private static void transpose(float[] x, int src, int ld, int count, int kc, float[] packed, int dst, int width) {
        for (int j = 0; j < count; j++) {
            int s = src + j * ld;
            for (int p = 0; p < kc; p++) {
                packed[dst + p * width + j] = x[s + p];
            }
        }
        for (int j = count; j < width; j++) {
            for (int p = 0; p < kc; p++) {
                packed[dst + p * width + j] = 0f;
            }
        }
    }
}
