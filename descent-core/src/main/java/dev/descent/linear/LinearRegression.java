package dev.descent.linear;

import dev.descent.data.RegressionDataset;
import dev.descent.linalg.LeastSquares;
import dev.descent.linalg.LeastSquaresFit;
import dev.descent.linalg.LeastSquaresSolver;
import dev.descent.loss.MeanSquaredError;
import dev.descent.model.ModelBundle;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.tensor.Tensor;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Least-squares linear regression, and ridge regression with {@link #ridge(double)} or
 * {@link #ridgeAlpha(double)}, minimising
 *
 * <pre>  L(w, b) = (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²</pre>
 *
 * (the intercept b is not penalised) in closed form (the default) or by any gradient method,
 * on exactly the same objective. A scikit-learn-like estimator: {@link #fit}, {@link #predict},
 * {@link #score} (R²), {@link #partialFit}, {@link #save} and {@link #load}.
 *
 * <p><b>Rank-deficient data.</b> Without a penalty (λ = 0) the closed form is
 * {@link LeastSquaresSolver#MINIMUM_NORM}, as scikit-learn's {@code LinearRegression}: features
 * and targets are centred by their means (which accounts for the intercept), the weights are
 * the minimum-norm least-squares solution of the centred problem in double precision, as
 * NumPy's {@code lstsq} gives it, and {@code b = ȳ − x̄ᵀw}. So duplicated columns share their
 * weight equally, a constant column gets weight 0, and more features than rows still give an
 * answer, where solving the normal equations would throw. {@link FitSummary#stopReason()}
 * gives the rank found. With a penalty the closed form is Cholesky on the normal equations,
 * which always have a unique solution.
 *
 * <p><b>scikit-learn's alpha.</b> {@code sklearn.linear_model.Ridge(alpha=α)} minimises
 * {@code ‖y − Xw − b‖² + α‖w‖²}. Divided by n, that is L with {@code λ = α/n}, which depends
 * on the number of rows: {@link #ridgeAlpha(double)} keeps α and resolves λ at each fit from
 * that fit's n ({@link #lambdaFor(int)}), so it fits the same weights as scikit-learn on any
 * data.
 *
 * <p><b>Partial fits.</b> {@link #partialFit} takes one pass of mini-batch training over the
 * rows it is given from the current weights (starting from zero at the first call), on that
 * pass's objective (λ from its own n under {@link #ridgeAlpha}); the optimizer's state
 * carries over between passes. It uses the {@link FitMethod.MiniBatch} given to
 * {@link #withMethod}, otherwise SGD with lr 0.01 in batches of 32 (seed 0), which wants
 * standardised features.
 *
 * <pre>{@code
 * LinearRegression ols = new LinearRegression().fit(x, y);
 * LinearRegression ridge = LinearRegression.ridgeAlpha(1.0).fit(x, y);      // sklearn's Ridge()
 * LinearRegression ridgeBySgd = LinearRegression.ridge(0.1)
 *         .withMethod(FitMethod.miniBatch(new Sgd(0.01), new InverseTimeDecay(0.01, 1e-3), 50, 16, 42))
 *         .fit(x, y);
 * ridge.save(Path.of("ridge.safetensors"));
 * }</pre>
 */
public final class LinearRegression extends LinearModel {
    private static final String NAME = "LinearRegression";
    /** The output's name in a saved model, as {@code descent train} names one target. */
    private static final String TARGET = "target";
    private static final int CHUNK = 4096;
    private static final FitMethod.MiniBatch PARTIAL_FIT = new FitMethod.MiniBatch(new Sgd(0.01), null, 1, 32, 0);
    private final Penalty penalty;
    private final FitMethod method;
    private FitSummary summary;

    /** Ordinary least squares in closed form: the minimum-norm solution, for any rank (see the class comment). */
    public LinearRegression() {
        this(new Penalty(Penalty.Kind.LAMBDA, 0));
    }

    private LinearRegression(Penalty penalty) {
        this(penalty, closedFormFor(penalty));
    }

    private LinearRegression(Penalty penalty, FitMethod method) {
        this.penalty = penalty;
        this.method = method;
    }

    /**
     * The closed form for a penalty: the minimum-norm solution without one (the normal
     * equations may be singular), Cholesky on the normal equations with one (they are not).
     */
    private static FitMethod closedFormFor(Penalty penalty) {
        return penalty.value() == 0 ? new FitMethod.ClosedForm(LeastSquaresSolver.MINIMUM_NORM)
                : FitMethod.closedForm();
    }

    /** Ridge regression with penalty λ‖w‖² on the mean squared error, in closed form (λ = 0: least squares). */
    public static LinearRegression ridge(double lambda) {
        return new LinearRegression(new Penalty(Penalty.Kind.LAMBDA, lambda));
    }

    /**
     * scikit-learn's {@code Ridge(alpha=α)}: the objective {@code ‖y − Xw − b‖² + α‖w‖²}, that
     * is λ = α/n for a fit on n rows; in closed form.
     *
     * @param alpha finite and ≥ 0 (scikit-learn's default is 1)
     */
    public static LinearRegression ridgeAlpha(double alpha) {
        return new LinearRegression(new Penalty(Penalty.Kind.RIDGE_ALPHA, alpha));
    }

    /** The same model fitted by another method (a new, unfitted estimator). */
    public LinearRegression withMethod(FitMethod newMethod) {
        return new LinearRegression(penalty, newMethod);
    }

    /** The λ of a fit on {@code n} rows: the one given, or α/n for {@link #ridgeAlpha}. */
    public double lambdaFor(int n) {
        return penalty.lambda(n);
    }

    /**
     * Fits the model to features x [n, d] and targets y [n]; returns this estimator.
     *
     * @throws IllegalArgumentException for mismatched shapes or NaN/∞ values (naming row and column)
     */
    public LinearRegression fit(Tensor x, Tensor y) {
        int n = targetRows(y);
        requireFiniteMatrix(x, n);
        double lambda = penalty.lambda(n);
        Sequential model = createModel(x.dim(1), 1);
        Linear layer = (Linear) model.layers().get(0);
        if (method instanceof FitMethod.ClosedForm closedForm) {
            LeastSquaresFit fit = LeastSquares.ridge(lambda).withSolver(closedForm.solver()).fit(x, y);
            double[] w = fit.weights();
            for (int j = 0; j < w.length; j++) {
                layer.weight().value().set(j, (float) w[j]);
            }
            layer.bias().value().set(0, (float) fit.intercept());
            summary = new FitSummary("closed form (" + closedForm.solver() + ")", fit.objective(), 1,
                    fit.rank() == w.length ? "exact solution" : "minimum-norm solution: rank " + fit.rank() + " of "
                            + w.length + " feature columns (the rest depend on them once centred)");
            return this;
        }
        Tensor targets = Tensor.wrap(y.data(), n, 1);
        EmpiricalRisk risk = EmpiricalRisk.of(model, new MeanSquaredError(), x, targets, CHUNK).withL2(lambda, "*.weight");
        RegressionDataset rows = new RegressionDataset("regression rows", x, targets, List.of());
        summary = GradientFitting.run(model, risk, rows, Objective.of(new MeanSquaredError()), lambda, method);
        return this;
    }

    /**
     * One pass of mini-batch training on (x, y) from the current weights (see the class
     * comment); the first call, unless the model was fitted or loaded, starts from zero weights.
     */
    public LinearRegression partialFit(Tensor x, Tensor y) {
        int n = targetRows(y);
        requireFiniteMatrix(x, n);
        if (!fitted()) {
            createModel(x.dim(1), 1);
        } else {
            requireFeatures(x);
        }
        double lambda = penalty.lambda(n);
        Tensor targets = Tensor.wrap(y.data(), n, 1);
        EmpiricalRisk risk = EmpiricalRisk.of(model(), new MeanSquaredError(), x, targets, CHUNK)
                .withL2(lambda, "*.weight");
        RegressionDataset rows = new RegressionDataset("regression rows", x, targets, List.of());
        summary = partialFitPass(rows, risk, Objective.of(new MeanSquaredError()), lambda,
                method instanceof FitMethod.MiniBatch miniBatch ? miniBatch : PARTIAL_FIT);
        return this;
    }

    private static int targetRows(Tensor y) {
        int n = y.dim(0);
        if (y.size() != n) {
            throw new IllegalArgumentException("targets must be one value per row ([n] or [n, 1]), not " + y.shape());
        }
        return n;
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

    /** Writes the fitted model to one safetensors file: one linear layer, its output named "target", the penalty. */
    public void save(Path file) throws IOException {
        saveBundle(file, ModelBundle.Task.REGRESSION, List.of(TARGET), penalty.info(NAME));
    }

    /**
     * Reads a model saved by {@link #save} (or any one-target regression model of one linear
     * layer on raw features): it predicts as the saved one did; its penalty is the saved one,
     * its fit method the closed form for that penalty.
     *
     * @throws IllegalArgumentException naming the file when it holds another kind of model
     */
    public static LinearRegression load(Path file) throws IOException {
        ModelBundle.Loaded loaded = readBundle(file, ModelBundle.Task.REGRESSION, NAME);
        if (loaded.bundle().spec().outputs() != 1) {
            throw new IllegalArgumentException(file + " predicts " + loaded.bundle().spec().outputs() + " targets;"
                    + " LinearRegression predicts one: load it with Predictor.load");
        }
        LinearRegression model = new LinearRegression(Penalty.fromInfo(loaded.bundle().info(), file.toString()));
        model.adopt(loaded);
        model.summary = new FitSummary("loaded", Double.NaN, 0, "read from a model file");
        return model;
    }

    @Override
    public String toString() {
        String name = penalty.kind() == Penalty.Kind.RIDGE_ALPHA ? "Ridge(" + penalty.describe() + ")"
                : penalty.value() > 0 ? "Ridge(λ=" + penalty.value() + ")" : "LinearRegression()";
        return name + " by " + method;
    }
}
