package dev.descent.linear;

import dev.descent.data.RegressionDataset;
import dev.descent.linalg.LeastSquares;
import dev.descent.linalg.LeastSquaresFit;
import dev.descent.loss.MeanSquaredError;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;
import java.util.List;

/**
 * Least-squares linear regression, and ridge regression with {@link #ridge(double)}, minimising
 *
 * <pre>  L(w, b) = (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²</pre>
 *
 * (the intercept b is not penalised) in closed form (the default) or by any gradient method,
 * on exactly the same objective. A scikit-learn-like estimator: {@link #fit}, {@link #predict},
 * {@link #score} (R²).
 *
 * <pre>{@code
 * LinearRegression ols = new LinearRegression().fit(x, y);
 * LinearRegression ridgeBySgd = LinearRegression.ridge(0.1)
 *         .withMethod(FitMethod.miniBatch(new Sgd(0.01), new InverseTimeDecay(0.01, 1e-3), 50, 16, 42))
 *         .fit(x, y);
 * }</pre>
 */
public final class LinearRegression extends LinearModel {
    private static final int CHUNK = 4096;
    private final double lambda;
    private final FitMethod method;
    private FitSummary summary;

    /** Ordinary least squares in closed form. */
    public LinearRegression() {
        this(0, FitMethod.closedForm());
    }

    private LinearRegression(double lambda, FitMethod method) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("ridge λ must be a finite number ≥ 0, got " + lambda);
        }
        this.lambda = lambda;
        this.method = method;
    }

    /** Ridge regression with penalty λ‖w‖², in closed form. */
    public static LinearRegression ridge(double lambda) {
        return new LinearRegression(lambda, FitMethod.closedForm());
    }

    /** The same model fitted by another method (a new, unfitted estimator). */
    public LinearRegression withMethod(FitMethod newMethod) {
        return new LinearRegression(lambda, newMethod);
    }

    /**
     * Fits the model to features x [n, d] and targets y [n]; returns this estimator.
     *
     * @throws IllegalArgumentException for mismatched shapes or NaN/∞ values (naming row and column)
     */
    public LinearRegression fit(Tensor x, Tensor y) {
        int n = y.dim(0);
        if (y.size() != n) {
            throw new IllegalArgumentException("targets must be one value per row ([n] or [n, 1]), not " + y.shape());
        }
        requireFiniteMatrix(x, n);
        Sequential model = createModel(x.dim(1), 1);
        Linear layer = (Linear) model.layers().get(0);
        if (method instanceof FitMethod.ClosedForm closedForm) {
            LeastSquaresFit fit = LeastSquares.ridge(lambda).withSolver(closedForm.solver()).fit(x, y);
            double[] w = fit.weights();
            for (int j = 0; j < w.length; j++) {
                layer.weight().value().set(j, (float) w[j]);
            }
            layer.bias().value().set(0, (float) fit.intercept());
            summary = new FitSummary("closed form (" + closedForm.solver() + ")", fit.objective(), 1, "exact solution");
            return this;
        }
        Tensor targets = Tensor.wrap(y.data(), n, 1);
        EmpiricalRisk risk = EmpiricalRisk.of(model, new MeanSquaredError(), x, targets, CHUNK).withL2(lambda, "*.weight");
        RegressionDataset rows = new RegressionDataset("regression rows", x, targets, List.of());
        summary = GradientFitting.run(model, risk, rows, Objective.of(new MeanSquaredError()), lambda, method);
        return this;
    }

    /** Predictions x·w + b, one per row. */
    public float[] predict(Tensor x) {
        return outputs(x).data();
    }

    /** The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² on (x, y). */
    public double score(Tensor x, Tensor y) {
        float[] predicted = predict(x);
        float[] actual = y.data();
        double mean = 0;
        for (float v : actual) {
            mean += v;
        }
        mean /= actual.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            residual += Math.pow(actual[i] - predicted[i], 2);
            total += Math.pow(actual[i] - mean, 2);
        }
        return 1 - residual / total;
    }

    /** The weights w, one per feature. */
    public float[] coefficients() {
        return layer().weight().value().data().clone();
    }

    public float intercept() {
        return layer().bias().value().get(0);
    }

    /** How the last fit went. */
    public FitSummary summary() {
        requireFitted();
        return summary;
    }

    @Override
    public String toString() {
        return (lambda > 0 ? "Ridge(λ=" + lambda + ")" : "LinearRegression()") + " by " + method;
    }
}
