package dev.descent.autodiff;

import dev.descent.kernel.ComputeThreads;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Two-dimensional convolution with PyTorch's semantics and layouts: input [N, C, H, W] (NCHW),
 * weight [O, C/groups, kh, kw], bias [O], output [N, O, Ho, Wo] with
 * {@code Ho = (H + 2·padH − dilH·(kh − 1) − 1) / strideH + 1} (and the same for widths).
 *
 * <p>How: per image and group, the input patches are unfolded into a matrix ({@code im2col}:
 * one row per input channel and kernel position, one column per output position), and the
 * convolution is one matrix product with the weights, on the GEMM kernel. The backward pass
 * unfolds the same patches again rather than keeping them for the whole batch (their size is the
 * input's times kh·kw), multiplies for the weight gradient, and folds the input gradient back
 * ({@code col2im}). The forward pass and the input gradient run a band of images per thread; the
 * weight gradient sums the images in a fixed order, so results are the same for any thread count.
 */
public final class ConvOps {
    private static final Kernels K = KernelProvider.kernels();

    private ConvOps() {
    }

    /** The geometry of one convolution: sizes, strides, paddings, dilations, groups. */
    record Geometry(int batch, int channels, int height, int width,
                    int outChannels, int kernelHeight, int kernelWidth,
                    int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups,
                    int outHeight, int outWidth) {

        int groupChannels() {
            return channels / groups;
        }

        int groupOutChannels() {
            return outChannels / groups;
        }

        /** Rows of the unfolded matrix: input channels of a group × kernel positions. */
        int patchSize() {
            return groupChannels() * kernelHeight * kernelWidth;
        }

        /** Columns of the unfolded matrix: output positions. */
        int positions() {
            return outHeight * outWidth;
        }
    }

    /**
     * {@code conv2d(x, weight, bias)} as {@code torch.nn.functional.conv2d} with the given stride,
     * padding and dilation (each [height, width]) and groups; {@code bias} may be null.
     *
     * @throws IllegalArgumentException naming the argument, when a shape or setting does not fit
     */
    public static Variable conv2d(Variable x, Variable weight, Variable bias,
                                  int[] stride, int[] padding, int[] dilation, int groups) {
        Tape tape;
        try {
            tape = bias == null ? Tape.of("conv2d", x, weight) : Tape.of("conv2d", x, weight, bias);
        } catch (IllegalArgumentException noTape) {
            // a wrong shape or setting is the more useful error
            geometry(x.value().shape(), weight.value().shape(), bias == null ? null : bias.value().shape(), stride,
                    padding, dilation, groups);
            throw noTape;
        }
        Conv2dBackward step = tape.step(Conv2dBackward.class, Conv2dBackward::new);
        Shape inputShape = x.value().shape();
        Shape weightShape = weight.value().shape();
        Shape biasShape = bias == null ? null : bias.value().shape();
        // A recycled step keeps the last call's checked geometry: training steps allocate nothing for it.
        if (!step.sameCall(inputShape, weightShape, biasShape, stride, padding, dilation, groups)) {
            Geometry geo = geometry(inputShape, weightShape, biasShape, stride, padding, dilation, groups);
            step.remember(geo, inputShape, weightShape, biasShape, stride, padding, dilation,
                    Shape.of(geo.batch(), geo.outChannels(), geo.outHeight(), geo.outWidth()));
        }
        Tensor out = tape.output(step.outputShape);
        step.forward(x.value().data(), weight.value().data(), bias == null ? null : bias.value().data(), out.data());
        step.x = x;
        step.weight = weight;
        step.bias = bias;
        return bias == null ? tape.record(out, step, x, weight) : tape.record(out, step, x, weight, bias);
    }

    static Geometry geometry(Shape input, Shape weight, Shape bias, int[] stride, int[] padding, int[] dilation,
                             int groups) {
        requirePair("conv2d", "stride", stride, 1);
        requirePair("conv2d", "padding", padding, 0);
        requirePair("conv2d", "dilation", dilation, 1);
        if (input.rank() != 4) {
            throw new IllegalArgumentException("conv2d: the input must be [batch, channels, height, width], not shape "
                    + input + (input.rank() == 2 ? "; reshape flat images first, e.g. to [batch, 1, 28, 28]" : ""));
        }
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv2d: the weight must be [out_channels, in_channels/groups,"
                    + " kernel_height, kernel_width], not shape " + weight);
        }
        if (groups <= 0) {
            throw new IllegalArgumentException("conv2d: groups must be ≥ 1, got " + groups);
        }
        int channels = input.dim(1);
        int outChannels = weight.dim(0);
        if (channels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups = " + groups + " must divide both the input channels ("
                    + channels + ") and the output channels (" + outChannels + ")");
        }
        if (weight.dim(1) != channels / groups) {
            throw new IllegalArgumentException("conv2d: the input has " + channels + " channels, so with groups = "
                    + groups + " the weight needs " + channels / groups + " input channels per group; its shape "
                    + weight + " has " + weight.dim(1));
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outChannels)) {
            throw new IllegalArgumentException("conv2d: the bias must have shape [" + outChannels + "], not " + bias);
        }
        int kh = weight.dim(2);
        int kw = weight.dim(3);
        int height = input.dim(2);
        int width = input.dim(3);
        int outHeight = outputSize(height, kh, stride[0], padding[0], dilation[0]);
        int outWidth = outputSize(width, kw, stride[1], padding[1], dilation[1]);
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("conv2d: a " + kh + "×" + kw + " kernel (dilation " + dilation[0] + "×"
                    + dilation[1] + ") does not fit a " + height + "×" + width + " input with padding " + padding[0]
                    + "×" + padding[1] + ": the output would be " + outHeight + "×" + outWidth);
        }
        return new Geometry(input.dim(0), channels, height, width, outChannels, kh, kw, stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1], groups, outHeight, outWidth);
    }

    /** PyTorch's output size: ⌊(size + 2·pad − dil·(k − 1) − 1) / stride⌋ + 1. */
    static int outputSize(int size, int kernel, int stride, int pad, int dilation) {
        int span = size + 2 * pad - dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    /** Requires two values ≥ {@code min} ([height, width]); the message names {@code op} and {@code name}. */
    static void requirePair(String op, String name, int[] pair, int min) {
        if (pair == null || pair.length != 2) {
            throw new IllegalArgumentException(op + ": " + name + " must be two values [height, width], got "
                    + Arrays.toString(pair));
        }
        if (pair[0] < min || pair[1] < min) {
            throw new IllegalArgumentException(op + ": " + name + " must be ≥ " + min + ", got " + Arrays.toString(pair));
        }
    }

    /** The forward pass of images {@code [n0, n1)}, unfolding into {@code columns}. */
    private static void forwardImages(Geometry g, int n0, int n1, float[] x, float[] w, float[] bias, float[] out,
                                      float[] columns) {
        int k = g.patchSize();
        int p = g.positions();
        int og = g.groupOutChannels();
        int imageIn = g.channels() * g.height() * g.width();
        int imageOut = g.outChannels() * p;
        for (int n = n0; n < n1; n++) {
            for (int group = 0; group < g.groups(); group++) {
                im2col(g, x, n * imageIn + group * g.groupChannels() * g.height() * g.width(), columns);
                int outOffset = n * imageOut + group * og * p;
                K.gemm(false, false, og, p, k, 1f, w, group * og * k, k, columns, 0, p, 0f, out, outOffset, p);
            }
            if (bias != null) {
                for (int o = 0; o < g.outChannels(); o++) {
                    int row = n * imageOut + o * p;
                    float b = bias[o];
                    for (int i = 0; i < p; i++) {
                        out[row + i] += b;
                    }
                }
            }
        }
    }

    /** The input gradient of images {@code [n0, n1)}: dcols = Wᵀ · dY per group, folded back onto dX. */
    private static void inputGradientImages(Geometry g, int n0, int n1, float[] w, float[] gy, float[] gx,
                                            float[] columnGradient) {
        int k = g.patchSize();
        int p = g.positions();
        int og = g.groupOutChannels();
        int imageIn = g.channels() * g.height() * g.width();
        int groupIn = g.groupChannels() * g.height() * g.width();
        int imageOut = g.outChannels() * p;
        for (int n = n0; n < n1; n++) {
            for (int group = 0; group < g.groups(); group++) {
                K.gemm(true, false, k, p, og, 1f, w, group * og * k, k, gy, n * imageOut + group * og * p, p, 0f,
                        columnGradient, 0, p);
                col2imAdd(g, columnGradient, gx, n * imageIn + group * groupIn);
            }
        }
    }

    /**
     * Unfolds the patches of one image's group of channels, starting at {@code x[base]}, into
     * {@code columns} [patchSize, positions]: row (c, ki, kj), column (oh, ow) holds
     * {@code x[c][oh·s − pad + ki·dil][ow·s − pad + kj·dil]}, or 0 in the padding.
     */
    static void im2col(Geometry g, float[] x, int base, float[] columns) {
        im2col(g, x, base, columns, 0, g.positions());
    }

    /**
     * As {@link #im2col(Geometry, float[], int, float[])}, into the block of {@code columns} whose
     * rows start at {@code offset + row · rowStride}: several images' patches side by side.
     */
    static void im2col(Geometry g, float[] x, int base, float[] columns, int offset, int rowStride) {
        int height = g.height();
        int width = g.width();
        int outWidth = g.outWidth();
        int row = 0;
        for (int c = 0; c < g.groupChannels(); c++) {
            int plane = base + c * height * width;
            for (int ki = 0; ki < g.kernelHeight(); ki++) {
                for (int kj = 0; kj < g.kernelWidth(); kj++, row++) {
                    int dst = offset + row * rowStride;
                    int colOffset = kj * g.dilationW() - g.padW();
                    int first = firstInside(colOffset, g.strideW(), outWidth);
                    int last = lastInside(colOffset, g.strideW(), width, outWidth);
                    for (int oh = 0; oh < g.outHeight(); oh++, dst += outWidth) {
                        int ih = oh * g.strideH() - g.padH() + ki * g.dilationH();
                        if (ih < 0 || ih >= height || first > last) {
                            Arrays.fill(columns, dst, dst + outWidth, 0f);
                            continue;
                        }
                        int src = plane + ih * width + colOffset;
                        Arrays.fill(columns, dst, dst + first, 0f);
                        if (g.strideW() == 1) {
                            System.arraycopy(x, src + first, columns, dst + first, last - first + 1);
                        } else {
                            for (int ow = first; ow <= last; ow++) {
                                columns[dst + ow] = x[src + ow * g.strideW()];
                            }
                        }
                        Arrays.fill(columns, dst + last + 1, dst + outWidth, 0f);
                    }
                }
            }
        }
    }

    /**
     * Folds {@code columns} [patchSize, positions] back onto one image's group of channels,
     * adding each entry to the input element it was read from (the adjoint of {@link #im2col}).
     */
    static void col2imAdd(Geometry g, float[] columns, float[] dx, int base) {
        int height = g.height();
        int width = g.width();
        int outWidth = g.outWidth();
        int positions = g.positions();
        int row = 0;
        for (int c = 0; c < g.groupChannels(); c++) {
            int plane = base + c * height * width;
            for (int ki = 0; ki < g.kernelHeight(); ki++) {
                for (int kj = 0; kj < g.kernelWidth(); kj++, row++) {
                    int src = row * positions;
                    int colOffset = kj * g.dilationW() - g.padW();
                    int first = firstInside(colOffset, g.strideW(), outWidth);
                    int last = lastInside(colOffset, g.strideW(), width, outWidth);
                    for (int oh = 0; oh < g.outHeight(); oh++, src += outWidth) {
                        int ih = oh * g.strideH() - g.padH() + ki * g.dilationH();
                        if (ih < 0 || ih >= height) {
                            continue;
                        }
                        int dst = plane + ih * width + colOffset;
                        for (int ow = first; ow <= last; ow++) {
                            dx[dst + ow * g.strideW()] += columns[src + ow];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column {@code ow·stride + offset} is ≥ 0 (outWidth if none). */
    private static int firstInside(int offset, int stride, int outWidth) {
        if (offset >= 0) {
            return 0;
        }
        return Math.min(outWidth, (-offset + stride - 1) / stride);
    }

    /** The last output column whose input column {@code ow·stride + offset} is < width (−1 if none). */
    private static int lastInside(int offset, int stride, int width, int outWidth) {
        int limit = width - 1 - offset;
        if (limit < 0) {
            return -1;
        }
        return Math.min(outWidth - 1, limit / stride);
    }

    /**
     * The backward step, which also runs the forward pass: images are independent in the forward
     * pass and in the input gradient, so those run in parts over {@link ComputeThreads} (a band
     * of images each, with its own unfolded-patch buffer; the products inside a part then run on
     * its thread). The weight gradient sums over images: it takes them in fixed chunks, one
     * product each (see {@code weightGradient}), and gives the same bits for any thread count.
     */
    private static final class Conv2dBackward implements Backward, ComputeThreads.Task {
        Geometry geometry;
        Shape outputShape;
        // the settings the geometry was computed from
        private Shape inputShape;
        private Shape weightShape;
        private Shape biasShape;
        private final int[] stride = new int[2];
        private final int[] padding = new int[2];
        private final int[] dilation = new int[2];
        Variable x;
        Variable weight;
        Variable bias;
        /** Images per product of the weight gradient: a constant, so the sum order is the batch's alone. */
        private static final int WEIGHT_CHUNK = 32;
        /** One unfolded-patch buffer per part, kept for the next step of a recycling tape. */
        private float[][] buffers = new float[0][];
        /** A chunk of images' patches side by side, and their output gradients, for the weight gradient. */
        private float[] chunkColumns = new float[0];
        private float[] chunkGradient = new float[0];
        private float[] weightTransposed = new float[0];
        // the chunk being unfolded in parallel
        private boolean unfolding;
        private int unfoldFirst;
        private int unfoldGroup;
        private int unfoldColumns;
        private int unfoldParts;
        private int unfoldTotal;
        // the arguments of the parts being run, cleared after
        private boolean forwardPass;
        private int parts;
        private float[] xData;
        private float[] wData;
        private float[] biasData;
        private float[] outData;
        private float[] gyData;
        private float[] gxData;

        boolean sameCall(Shape input, Shape weight, Shape bias, int[] stride, int[] padding, int[] dilation,
                         int groups) {
            return geometry != null && input.equals(inputShape) && weight.equals(weightShape)
                    && java.util.Objects.equals(bias, biasShape) && Arrays.equals(stride, this.stride)
                    && Arrays.equals(padding, this.padding) && Arrays.equals(dilation, this.dilation)
                    && groups == geometry.groups();
        }

        void remember(Geometry geo, Shape input, Shape weight, Shape bias, int[] stride, int[] padding,
                      int[] dilation, Shape output) {
            geometry = geo;
            inputShape = input;
            weightShape = weight;
            biasShape = bias;
            System.arraycopy(stride, 0, this.stride, 0, 2);
            System.arraycopy(padding, 0, this.padding, 0, 2);
            System.arraycopy(dilation, 0, this.dilation, 0, 2);
            outputShape = output;
        }

        private float[] buffer(int part, int size) {
            if (buffers.length <= part) {
                buffers = java.util.Arrays.copyOf(buffers, part + 1);
            }
            if (buffers[part] == null || buffers[part].length < size) {
                buffers[part] = new float[size];
            }
            return buffers[part];
        }

        void forward(float[] x, float[] w, float[] b, float[] out) {
            forwardPass = true;
            xData = x;
            wData = w;
            biasData = b;
            outData = out;
            run();
        }

        private void run() {
            parts = Math.min(ComputeThreads.threads(), geometry.batch());
            int size = geometry.patchSize() * geometry.positions();
            for (int part = 0; part < parts; part++) {
                buffer(part, size); // grown here, on the calling thread
            }
            try {
                ComputeThreads.run(parts, this);
            } finally {
                xData = null;
                wData = null;
                biasData = null;
                outData = null;
                gyData = null;
                gxData = null;
            }
        }

        @Override
        public void runPart(int part) {
            if (unfolding) {
                unfoldImages((int) ((long) unfoldTotal * part / unfoldParts),
                        (int) ((long) unfoldTotal * (part + 1) / unfoldParts));
                return;
            }
            int n0 = (int) ((long) geometry.batch() * part / parts);
            int n1 = (int) ((long) geometry.batch() * (part + 1) / parts);
            if (forwardPass) {
                forwardImages(geometry, n0, n1, xData, wData, biasData, outData, buffers[part]);
            } else {
                inputGradientImages(geometry, n0, n1, wData, gyData, gxData, buffers[part]);
            }
        }

        /**
         * dW_g[og, k] += Σ_n dY_{n,g}[og, p] · cols_{n,g}[k, p]ᵀ, as one product per chunk of
         * {@value #WEIGHT_CHUNK} images: their patches side by side ([k, chunk·p], unfolded in
         * parallel, an image per part) times their output gradients side by side. The chunks are
         * fixed by the batch alone, and the product's own sum order does not depend on the
         * threads, so neither do the bits.
         */
        private void weightGradient(float[] gy) {
            Geometry geo = geometry;
            int k = geo.patchSize();
            int p = geo.positions();
            int og = geo.groupOutChannels();
            int imageOut = geo.outChannels() * p;
            int chunk = Math.min(WEIGHT_CHUNK, geo.batch());
            int width = chunk * p;
            float[] cols = chunkColumns = grow(chunkColumns, k * width);
            float[] dy = chunkGradient = grow(chunkGradient, og * width);
            float[] transposed = weightTransposed = grow(weightTransposed, k * og);
            float weightBeta = weight.gradAccumulationBeta();
            float[] gw = weight.gradForOverwrite().data();
            xData = x.value().data();
            try {
                for (int n0 = 0; n0 < geo.batch(); n0 += chunk) {
                    int images = Math.min(chunk, geo.batch() - n0);
                    int columns = images * p;
                    for (int group = 0; group < geo.groups(); group++) {
                        unfoldChunk(n0, images, group, columns);
                        for (int o = 0; o < og; o++) {
                            for (int j = 0; j < images; j++) {
                                System.arraycopy(gy, (n0 + j) * imageOut + (group * og + o) * p, dy,
                                        o * columns + j * p, p);
                            }
                        }
                        // dWᵀ[k, og] = cols · dyᵀ: the product transposes dy (og rows) rather than the
                        // patches (k rows, up to 9× more), then dWᵀ is added transposed into dW.
                        K.gemm(false, true, k, og, columns, 1f, cols, 0, columns, dy, 0, columns, 0f, transposed,
                                0, og);
                        float beta = n0 == 0 ? weightBeta : 1f;
                        int base = group * og * k;
                        for (int o = 0; o < og; o++) {
                            for (int kk = 0; kk < k; kk++) {
                                int at = base + o * k + kk;
                                gw[at] = beta == 0f ? transposed[kk * og + o] : gw[at] + transposed[kk * og + o];
                            }
                        }
                    }
                }
            } finally {
                xData = null;
            }
        }

        private static float[] grow(float[] buffer, int size) {
            return buffer.length >= size ? buffer : new float[size];
        }

        /** Unfolds images [n0, n0 + images) of {@code group} side by side into {@link #chunkColumns}. */
        private void unfoldChunk(int n0, int images, int group, int columns) {
            unfoldFirst = n0;
            unfoldGroup = group;
            unfoldColumns = columns;
            int parallel = Math.min(ComputeThreads.threads(), images);
            if (parallel <= 1 || (long) images * geometry.patchSize() * geometry.positions() < 1 << 15) {
                unfoldImages(0, images);
                return;
            }
            unfoldParts = parallel;
            unfoldTotal = images;
            unfolding = true;
            try {
                ComputeThreads.run(parallel, this);
            } finally {
                unfolding = false;
            }
        }

        private void unfoldImages(int j0, int j1) {
            Geometry geo = geometry;
            int imageIn = geo.channels() * geo.height() * geo.width();
            int groupIn = geo.groupChannels() * geo.height() * geo.width();
            for (int j = j0; j < j1; j++) {
                im2col(geo, xData, (unfoldFirst + j) * imageIn + unfoldGroup * groupIn, chunkColumns,
                        j * geo.positions(), unfoldColumns);
            }
        }

        @Override
        public void propagate(Tensor g) {
            Geometry geo = geometry;
            float[] gy = g.data();
            int p = geo.positions();
            int imageOut = geo.outChannels() * p;
            if (bias != null && bias.requiresGrad()) { // db[o] += Σ over images and positions of dY
                float[] gb = bias.gradForAccumulation().data();
                for (int n = 0; n < geo.batch(); n++) {
                    for (int o = 0; o < geo.outChannels(); o++) {
                        gb[o] += K.sum(p, gy, n * imageOut + o * p);
                    }
                }
            }
            if (weight.requiresGrad()) {
                weightGradient(gy);
            }
            if (x.requiresGrad()) {
                forwardPass = false;
                wData = weight.value().data();
                gyData = gy;
                gxData = x.gradForAccumulation().data();
                run();
            }
        }
    }
}
