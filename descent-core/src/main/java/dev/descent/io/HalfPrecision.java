package dev.descent.io;

/**
 * Widening of the 16-bit floating-point formats to float32; both are exact (every 16-bit value
 * is a float32 value). JDK 17 has no {@code Float.float16ToFloat}, which arrived in JDK 20.
 */
final class HalfPrecision {
    private HalfPrecision() {
    }

    /**
     * IEEE 754 binary16 (1 sign, 5 exponent, 10 fraction bits; bias 15) to float32 (bias 127).
     * NaN payloads keep their high bits; subnormals become normal float32 values.
     */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: fraction × 2^-24, exact in float32.
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (fraction << 13));
    }

    /** bfloat16 is the upper half of a float32: widening appends 16 zero bits. */
    static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
