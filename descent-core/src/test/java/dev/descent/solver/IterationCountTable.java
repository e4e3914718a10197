package dev.descent.solver;

import dev.descent.solver.TestSolvers.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints, as a Markdown table, the iterations and function evaluations of every solver on the
 * problems and stopping criteria of {@link SolverConvergenceTest}. Not a test: run it to refresh
 * the numbers quoted in the docs, after {@code mvn -pl descent-core test-compile}:
 *
 * <pre>
 *   java -cp descent-core/target/classes:descent-core/target/test-classes dev.descent.solver.IterationCountTable
 * </pre>
 */
final class IterationCountTable {

    private IterationCountTable() {}

    /** One column: a problem, its start, its stopping criteria, and which solvers apply. */
    private record Column(String title, TwiceDifferentiableFunction function, double[] start,
            StoppingCriteria stopping, List<Named> solvers) {}

    public static void main(String[] args) {
        TestProblems.LogisticRegression logistic = new TestProblems.LogisticRegression();
        List<Column> columns = new ArrayList<>();
        for (double kappa : new double[] {1e2, 1e4}) {
            TestProblems.Quadratic q = SolverConvergenceTest.quadratic(kappa);
            List<Named> solvers = new ArrayList<>(TestSolvers.forQuadratic(kappa));
            solvers.add(new Named("CG, PR+, exact step", new NonlinearConjugateGradient(
                    NonlinearConjugateGradient.Beta.POLAK_RIBIERE_PLUS, new ExactQuadraticLineSearch(q.function()))));
            columns.add(new Column("quadratic n = 20, κ = " + (kappa == 1e2 ? "10²" : "10⁴"), q.function(),
                    new double[SolverConvergenceTest.DIMENSION], SolverConvergenceTest.QUADRATIC, solvers));
        }
        for (int n : new int[] {2, 10}) {
            TestProblems.Rosenbrock rosenbrock = new TestProblems.Rosenbrock(n);
            columns.add(new Column("Rosenbrock n = " + n, rosenbrock, rosenbrock.standardStart(),
                    SolverConvergenceTest.ROSENBROCK, TestSolvers.general()));
        }
        columns.add(new Column("logistic regression", logistic, new double[4], SolverConvergenceTest.LOGISTIC,
                TestSolvers.withLipschitz(logistic.lipschitzBound())));

        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        for (Column column : columns) {
            for (Named solver : column.solvers()) {
                SolverResult result = solver.solver().minimize(column.function(), column.start(), column.stopping());
                String cell = result.converged()
                        ? result.iterations() + " / " + result.evaluations()
                        : result.reason() + " after " + result.iterations();
                cells.computeIfAbsent(solver.name(), name -> new LinkedHashMap<>()).put(column.title(), cell);
            }
        }
        List<String> order = new ArrayList<>(TestSolvers.forQuadratic(1).stream().map(Named::name).toList());
        order.add("CG, PR+, exact step");
        StringBuilder table = new StringBuilder("| solver |");
        columns.forEach(column -> table.append(' ').append(column.title()).append(" |"));
        table.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        Function<String, Map<String, String>> row = name -> cells.getOrDefault(name, Map.of());
        for (String name : order) {
            table.append("| ").append(name).append(" |");
            for (Column column : columns) {
                table.append(' ').append(row.apply(name).getOrDefault(column.title(), "—")).append(" |");
            }
            table.append('\n');
        }
        table.append("\nCells: iterations / function evaluations (each evaluation is f and ∇f) until ‖∇f‖ ≤ ")
                .append("10⁻⁷ (quadratics, Rosenbrock) or 10⁻⁹ (logistic regression); — = not applicable.\n");
        System.out.print(table);
    }
}
