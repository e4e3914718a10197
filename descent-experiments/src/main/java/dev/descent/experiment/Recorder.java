package dev.descent.experiment;

import dev.descent.solver.DifferentiableFunction;
import java.util.Arrays;

/**
 * The iterates of an optimizer as it goes: distance to a reference point, objective value and
 * wall time at each update. {@link #recording} wraps a function so that a solver's every
 * evaluation is recorded (with a fixed step, one evaluation per iteration).
 */
final class Recorder {
    private final double[] target;
    private double[] update;
    private double[] distance;
    private double[] nanos;
    private double[] value;
    int count;
    double lastValue = Double.NaN;

    Recorder(double[] target, int capacity) {
        this.target = target.clone();
        this.update = new double[capacity];
        this.distance = new double[capacity];
        this.nanos = new double[capacity];
        this.value = new double[capacity];
    }

    void record(double[] w, double at, long elapsedNanos) {
        record(w, at, elapsedNanos, Double.NaN);
    }

    private void record(double[] w, double at, long elapsedNanos, double objective) {
        if (count == update.length) {
            int grown = 2 * count;
            update = Arrays.copyOf(update, grown);
            distance = Arrays.copyOf(distance, grown);
            nanos = Arrays.copyOf(nanos, grown);
            value = Arrays.copyOf(value, grown);
        }
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            double d = w[j] - target[j];
            s += d * d;
        }
        update[count] = at;
        distance[count] = Math.sqrt(s);
        nanos[count] = elapsedNanos;
        value[count] = objective;
        lastValue = objective;
        count++;
    }

    DifferentiableFunction recording(DifferentiableFunction f, int rowsPerEvaluation) {
        long start = System.nanoTime();
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return f.dimension();
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                double v = f.valueAndGradient(x, gradientOut);
                record(x, count, System.nanoTime() - start, v);
                return v;
            }
        };
    }

    double lastDistance() {
        return distance[count - 1];
    }

    /** The first update whose distance is below {@code threshold}, or -1 if none. */
    double firstBelow(double threshold) {
        for (int i = 0; i < count; i++) {
            if (distance[i] < threshold) {
                return update[i];
            }
        }
        return -1;
    }

    double[] updates() {
        return Arrays.copyOf(update, count);
    }

    double[] examples(int perUpdate) {
        double[] e = updates();
        for (int i = 0; i < e.length; i++) {
            e[i] *= perUpdate;
        }
        return e;
    }

    double[] seconds() {
        double[] s = Arrays.copyOf(nanos, count);
        for (int i = 0; i < s.length; i++) {
            s[i] /= 1e9;
        }
        return s;
    }

    double[] relative(double norm) {
        double[] r = Arrays.copyOf(distance, count);
        for (int i = 0; i < r.length; i++) {
            r[i] /= norm;
        }
        return r;
    }

    double[] excess(double minimum) {
        double[] e = Arrays.copyOf(value, count);
        for (int i = 0; i < e.length; i++) {
            e[i] -= minimum;
        }
        return e;
    }
}
