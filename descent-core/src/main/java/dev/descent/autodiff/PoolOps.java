package dev.descent.autodiff;

import dev.descent.kernel.ComputeThreads;
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
        Tape tape = tapeOf("max_pool2d", x, kernel, stride, padding);
        MaxPoolBackward step = tape.step(MaxPoolBackward.class, MaxPoolBackward::new);
        Window w = step.windows.get("max_pool2d", x.value().shape(), kernel, stride, padding);
        Tensor out = tape.output(step.windows.outputShape);
        step.x = x;
        step.window = w;
        step.argmax(out.size());
        step.run(true, x.value().data(), out.data());
        return tape.record(out, step, x);
    }

    /** Max pooling of planes {@code [p0, p1)}: values into {@code yd}, the arg-max of each into {@code argmax}. */
    private static void maxPoolPlanes(Window w, int p0, int p1, float[] xd, float[] yd, int[] argmax) {
        int planeIn = w.height * w.width;
        int planeOut = w.outHeight * w.outWidth;
        boolean twoByTwo = w.kernelH == 2 && w.kernelW == 2 && w.strideH == 2 && w.strideW == 2 && w.padH == 0
                && w.padW == 0;
        for (int plane = p0; plane < p1; plane++) {
            int base = plane * planeIn;
            int o = plane * planeOut;
            if (twoByTwo) { // the common MaxPool2d(2): four loads, no bounds to clip, no branches
                for (int oh = 0; oh < w.outHeight; oh++) {
                    int top = base + 2 * oh * w.width;
                    for (int ow = 0; ow < w.outWidth; ow++, o++) {
                        int i = top + 2 * ow;
                        float a = xd[i];
                        float b = xd[i + 1];
                        float c = xd[i + w.width];
                        float d = xd[i + w.width + 1];
                        int index;
                        if (Float.isNaN(a + b + c + d)) { // a NaN (or ∞ − ∞): the general rule, rarely
                            index = better(b, a) ? i + 1 : i;
                            index = better(c, xd[index]) ? i + w.width : index;
                            index = better(d, xd[index]) ? i + w.width + 1 : index;
                        } else {
                            // Integer selects compile to conditional moves: random data would mispredict
                            // branches. Strict > keeps the first of equal values, as PyTorch.
                            int top1 = b > a ? 1 : 0;
                            int bottom1 = d > c ? 1 : 0;
                            boolean lower = Math.max(c, d) > Math.max(a, b);
                            index = i + (lower ? w.width + bottom1 : top1);
                        }
                        yd[o] = xd[index];
                        argmax[o] = index;
                    }
                }
                continue;
            }
            for (int oh = 0; oh < w.outHeight; oh++) {
                for (int ow = 0; ow < w.outWidth; ow++, o++) {
                    int h0 = oh * w.strideH - w.padH;
                    int w0 = ow * w.strideW - w.padW;
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int i = Math.max(0, h0); i < Math.min(w.height, h0 + w.kernelH); i++) {
                        for (int j = Math.max(0, w0); j < Math.min(w.width, w0 + w.kernelW); j++) {
                            int index = base + i * w.width + j;
                            if (bestIndex < 0 || better(xd[index], best)) {
                                best = xd[index];
                                bestIndex = index;
                            }
                        }
                    }
                    yd[o] = best;
                    argmax[o] = bestIndex;
                }
            }
        }
    }

    /**
     * Whether {@code v}, later in the window's row-major order, replaces the maximum so far:
     * when larger, or when it is NaN and the maximum is not (NaN wins, and the first NaN stays),
     * as PyTorch's CPU kernel decides.
     */
    private static boolean better(float v, float best) {
        return v > best || (v != v && best == best);
    }

    /**
     * Average pooling; the padding counts as zeros in the average ({@code count_include_pad=True}),
     * so every window divides by kernel height × width.
     */
    public static Variable avgPool2d(Variable x, int[] kernel, int[] stride, int[] padding) {
        Tape tape = tapeOf("avg_pool2d", x, kernel, stride, padding);
        AvgPoolBackward step = tape.step(AvgPoolBackward.class, AvgPoolBackward::new);
        Window w = step.windows.get("avg_pool2d", x.value().shape(), kernel, stride, padding);
        Tensor out = tape.output(step.windows.outputShape);
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

    /** The input's tape; without one, a wrong window is reported first, being the more useful error. */
    private static Tape tapeOf(String op, Variable x, int[] kernel, int[] stride, int[] padding) {
        try {
            return Tape.of(op, x);
        } catch (IllegalArgumentException noTape) {
            window(op, x.value().shape(), kernel, stride, padding);
            throw noTape;
        }
    }

    /**
     * The last window a recycled step computed, with the settings it came from: a training step
     * reuses it instead of allocating a new one.
     */
    static final class WindowCache {
        private Window window;
        private Shape input;
        private final int[] kernel = new int[2];
        private final int[] stride = new int[2];
        private final int[] padding = new int[2];
        Shape outputShape;

        Window get(String op, Shape input, int[] kernel, int[] stride, int[] padding) {
            if (window != null && input.equals(this.input) && Arrays.equals(kernel, this.kernel)
                    && Arrays.equals(stride, this.stride) && Arrays.equals(padding, this.padding)) {
                return window;
            }
            Window w = window(op, input, kernel, stride, padding);
            window = w;
            this.input = input;
            System.arraycopy(kernel, 0, this.kernel, 0, 2);
            System.arraycopy(stride, 0, this.stride, 0, 2);
            System.arraycopy(padding, 0, this.padding, 0, 2);
            outputShape = Shape.of(w.batch, w.channels, w.outHeight, w.outWidth);
            return w;
        }
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

    /**
     * Max pooling's arg-max and backward step. Planes (one channel of one image) are
     * independent, so the forward and the gradient's scatter run over bands of planes on
     * {@link ComputeThreads}; each plane is done by one thread in one order, so the result is the
     * same for any thread count.
     */
    private static final class MaxPoolBackward implements Backward, ComputeThreads.Task {
        /** Below this many outputs a pass runs on the calling thread: a hand-off would cost more. */
        private static final int PARALLEL_OUTPUTS = 1 << 14;
        Variable x;
        Window window;
        final WindowCache windows = new WindowCache();
        private int[] argmax = new int[0];
        // the pass being run, cleared after
        private boolean forwardPass;
        private int parts;
        private float[] input;
        private float[] output;

        int[] argmax(int size) {
            if (argmax.length < size) {
                argmax = new int[size];
            }
            return argmax;
        }

        /** Forward: input = x, output = y. Backward: input = dY, output = dX. */
        void run(boolean forward, float[] in, float[] out) {
            Window w = window;
            int planes = w.batch * w.channels;
            int outputs = planes * w.outHeight * w.outWidth;
            forwardPass = forward;
            input = in;
            output = out;
            parts = outputs < PARALLEL_OUTPUTS ? 1 : Math.min(ComputeThreads.threads(), planes);
            try {
                if (parts == 1) {
                    runPart(0);
                } else {
                    ComputeThreads.run(parts, this);
                }
            } finally {
                input = null;
                output = null;
            }
        }

        @Override
        public void runPart(int part) {
            Window w = window;
            int planes = w.batch * w.channels;
            int p0 = (int) ((long) planes * part / parts);
            int p1 = (int) ((long) planes * (part + 1) / parts);
            if (forwardPass) {
                maxPoolPlanes(w, p0, p1, input, output, argmax);
                return;
            }
            int planeOut = w.outHeight * w.outWidth;
            for (int o = p0 * planeOut; o < p1 * planeOut; o++) {
                output[argmax[o]] += input[o];
            }
        }

        @Override
        public void propagate(Tensor g) {
            if (!x.requiresGrad()) {
                return;
            }
            run(false, g.data(), x.gradForAccumulation().data());
        }
    }

    private static final class AvgPoolBackward implements Backward {
        Variable x;
        Window window;
        final WindowCache windows = new WindowCache();

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
