package dev.descent.experiment;

/** Least-squares line through (log x, log y): y ≈ c·x^slope. */
record LogLogFit(double slope, double constant, double rSquared) {

    static LogLogFit of(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("a log-log fit needs at least 2 points and as many y as x, got "
                    + x.length + " and " + y.length);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("a log-log fit needs positive values, point " + i + " is ("
                        + x[i] + ", " + y[i] + ")");
            }
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            double dy = Math.log(y[i]) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new LogLogFit(slope, Math.exp(my - slope * mx), r2);
    }

    double at(double x) {
        return constant * Math.pow(x, slope);
    }
}
