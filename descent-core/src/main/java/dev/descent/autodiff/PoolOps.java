package dev.descent.autodiff;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Two-dimensional pooling over NCHW inputs with PyTorch's semantics: {@link #maxPool2d}
 * ({@code torch.nn.functional.max_pool2d}), {@link #avgPool2d} ({@code avg_pool2d} with
 * {@code count_include_pad=True}, PyTorch's default) and {@link #globalAvgPool2d}
 * ({@code adaptive_avg_pool2d(x, 1)}). Output sizes are {@code ⌊(size + 2·pad − kernel) / stride⌋ + 1}.
 */
public final class PoolOps {
    private PoolOps() {
    }

    /**
     * Max pooling. Padding counts as −∞ (it is never the maximum). The gradient of each output
     * goes to the input element that was its maximum; on ties, to the first one in the window's
     * row-major order, and a NaN in a window is its maximum: PyTorch's CPU kernel does the same.
     */
    public static Variable maxPool2d(Variable x, int[] kernel, int[] stride, int[] padding) {
        Window w = window("max_pool2d", x.value().shape(), kernel, stride, padding);
        Tape tape = Tape.of("max_pool2d", x);
        Tensor out = tape.output(Shape.of(w.batch, w.channels, w.outHeight, w.outWidth));
        MaxPoolBackward step = tape.step(MaxPoolBackward.class, MaxPoolBackward::new);
        int[] argmax = step.argmax(out.size());
        float[] xd = x.value().data();
        float[] yd = out.data();
        int planes = w.batch * w.channels;
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * w.height * w.width;
            for (int oh = 0; oh < w.outHeight; oh++) {
                for (int ow = 0; ow < w.outWidth; ow++, o++) {
                    int h0 = oh * w.strideH - w.padH;
                    int w0 = ow * w.strideW - w.padW;
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int i = Math.max(0, h0); i < Math.min(w.height, h0 + w.kernelH); i++) {
                        for (int j = Math.max(0, w0); j < Math.min(w.width, w0 + w.kernelW); j++) {
                            int index = base + i * w.width + j;
                            float v = xd[index];
                            if (v > best || Float.isNaN(v) || bestIndex < 0) {
                                best = v;
                                bestIndex = index;
                                if (Float.isNaN(v)) {
                                    break;
                                }
                            }
                        }
                        if (Float.isNaN(best)) {
                            break;
                        }
                    }
                    yd[o] = best;
                    argmax[o] = bestIndex;
                }
            }
        }
        step.x = x;
        return tape.record(out, step, x);
    }

    /**
     * Average pooling; the padding counts as zeros in the average ({@code count_include_pad=True}),
     * so every window divides by kernel height × width.
     */
    public static Variable avgPool2d(Variable x, int[] kernel, int[] stride, int[] padding) {
        Window w = window("avg_pool2d", x.value().shape(), kernel, stride, padding);
        Tape tape = Tape.of("avg_pool2d", x);
        Tensor out = tape.output(Shape.of(w.batch, w.channels, w.outHeight, w.outWidth));
        float[] xd = x.value().data();
        float[] yd = out.data();
        float scale = 1f / (w.kernelH * w.kernelW);
        int o = 0;
        for (int plane = 0; plane < w.batch * w.channels; plane++) {
            int base = plane * w.height * w.width;
            for (int oh = 0; oh < w.outHeight; oh++) {
                for (int ow = 0; ow < w.outWidth; ow++, o++) {
                    int h0 = oh * w.strideH - w.padH;
                    int w0 = ow * w.strideW - w.padW;
                    float sum = 0f;
                    for (int i = Math.max(0, h0); i < Math.min(w.height, h0 + w.kernelH); i++) {
                        for (int j = Math.max(0, w0); j < Math.min(w.width, w0 + w.kernelW); j++) {
                            sum += xd[base + i * w.width + j];
                        }
                    }
                    yd[o] = sum * scale;
                }
            }
        }
        AvgPoolBackward step = tape.step(AvgPoolBackward.class, AvgPoolBackward::new);
        step.x = x;
        step.window = w;
        return tape.record(out, step, x);
    }

    /** The mean of each channel's plane: [N, C, H, W] → [N, C, 1, 1], as {@code adaptive_avg_pool2d(x, 1)}. */
    public static Variable globalAvgPool2d(Variable x) {
        Shape shape = x.value().shape();
        if (shape.rank() != 4) {
            throw new IllegalArgumentException("global_avg_pool2d: the input must be [batch, channels, height, width],"
                    + " not shape " + shape);
        }
        int h = shape.dim(2);
        int wd = shape.dim(3);
        return avgPool2d(x, new int[] {h, wd}, new int[] {h, wd}, new int[] {0, 0});
    }

    /** A pooling window's geometry over an input. */
    record Window(int batch, int channels, int height, int width, int kernelH, int kernelW,
                  int strideH, int strideW, int padH, int padW, int outHeight, int outWidth) {
    }

    static Window window(String op, Shape input, int[] kernel, int[] stride, int[] padding) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException(op + ": the input must be [batch, channels, height, width], not shape "
                    + input);
        }
        ConvOps.requirePair(op, "kernel_size", kernel, 1);
        ConvOps.requirePair(op, "stride", stride, 1);
        ConvOps.requirePair(op, "padding", padding, 0);
        if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
            throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding)
                    + " must be at most half the kernel " + Arrays.toString(kernel) + " (as in PyTorch)");
        }
        int height = input.dim(2);
        int width = input.dim(3);
        int outHeight = (height + 2 * padding[0] - kernel[0]) < 0 ? 0 : (height + 2 * padding[0] - kernel[0]) / stride[0] + 1;
        int outWidth = (width + 2 * padding[1] - kernel[1]) < 0 ? 0 : (width + 2 * padding[1] - kernel[1]) / stride[1] + 1;
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException(op + ": a " + kernel[0] + "×" + kernel[1] + " window does not fit a "
                    + height + "×" + width + " input with padding " + padding[0] + "×" + padding[1]);
        }
        return new Window(input.dim(0), input.dim(1), height, width, kernel[0], kernel[1], stride[0], stride[1],
                padding[0], padding[1], outHeight, outWidth);
    }

    private static final class MaxPoolBackward implements Backward {
        Variable x;
        private int[] argmax = new int[0];

        int[] argmax(int size) {
            if (argmax.length < size) {
                argmax = new int[size];
            }
            return argmax;
        }

        @Override
        public void propagate(Tensor g) {
            if (!x.requiresGrad()) {
                return;
            }
            float[] gx = x.gradForAccumulation().data();
            float[] gd = g.data();
            for (int o = 0; o < g.size(); o++) {
                gx[argmax[o]] += gd[o];
            }
        }
    }

    private static final class AvgPoolBackward implements Backward {
        Variable x;
        Window window;

        @Override
        public void propagate(Tensor g) {
            if (!x.requiresGrad()) {
                return;
            }
            Window w = window;
            float[] gx = x.gradForAccumulation().data();
            float[] gd = g.data();
            float scale = 1f / (w.kernelH() * w.kernelW());
            int o = 0;
            for (int plane = 0; plane < w.batch() * w.channels(); plane++) {
                int base = plane * w.height() * w.width();
                for (int oh = 0; oh < w.outHeight(); oh++) {
                    for (int ow = 0; ow < w.outWidth(); ow++, o++) {
                        int h0 = oh * w.strideH() - w.padH();
                        int w0 = ow * w.strideW() - w.padW();
                        float share = gd[o] * scale;
                        for (int i = Math.max(0, h0); i < Math.min(w.height(), h0 + w.kernelH()); i++) {
                            for (int j = Math.max(0, w0); j < Math.min(w.width(), w0 + w.kernelW()); j++) {
                                gx[base + i * w.width() + j] += share;
                            }
                        }
                    }
                }
            }
        }
    }
}
