package dev.cotangent.samples.fitting;

import static dev.cotangent.samples.fitting.DampedOscillation.AMPLITUDE;
import static dev.cotangent.samples.fitting.DampedOscillation.DAMPING;
import static dev.cotangent.samples.fitting.DampedOscillation.FREQUENCY;
import static dev.cotangent.samples.fitting.DampedOscillation.PHASE;

import dev.cotangent.samples.plots.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fits a damped oscillation to noisy synthetic data with Hipparchus' Levenberg–Marquardt
 * optimiser, fed with the residuals and the Jacobian that Cotangent generated for {@link
 * DampedOscillation#residuals}. No derivative is written by hand and none is approximated.
 */
public final class OscillationFit {
  /** The parameters the data are generated from: {@code {a, b, ω, φ}}. */
  static final double[] TRUTH = {2.0, 0.3, 2.5, 0.4};
  /** Where the optimiser starts. */
  static final double[] START = {1.0, 0.1, 2.2, 0.0};
  static final String[] NAMES = {"a", "b", "omega", "phi"};

  static final int SAMPLES = 81;
  static final double DURATION = 10;
  /** Standard deviation of the Gaussian noise added to the observations. */
  static final double NOISE = 0.05;
  static final long SEED = 42;

  private OscillationFit() {}

  /** Observation times and noisy observations of the model with {@code truth}. */
  public record Data(double[] t, double[] y) {}

  /** Equally spaced samples of the model on {@code [0, duration]} with Gaussian noise. */
  public static Data syntheticData(
      double[] truth, int samples, double duration, double noise, long seed) {
    Random random = new Random(seed);
    double[] t = new double[samples];
    double[] y = new double[samples];
    for (int i = 0; i < samples; i++) {
      t[i] = duration * i / (samples - 1);
      y[i] = DampedOscillation.model(truth, t[i]) + noise * random.nextGaussian();
    }
    return new Data(t, y);
  }

  /**
   * The outcome of {@link #fit}.
   *
   * @param params the fitted parameters
   * @param standardErrors their standard errors from the linearised covariance, scaled by the
   *     residual variance
   * @param rms root mean square of the residuals
   */
  public record Fit(
      double[] params, double[] standardErrors, double rms, int iterations, int evaluations) {}

  /**
   * Minimises the sum of squared residuals with Levenberg–Marquardt. Hipparchus' model is the
   * residual vector with target zero, and its Jacobian is {@code residualsJacobian}.
   */
  public static Fit fit(Data data, double[] start) {
    double[] t = data.t();
    double[] y = data.y();
    LeastSquaresProblem problem =
        new LeastSquaresBuilder()
            .start(start)
            .model(
                point -> {
                  double[] params = point.toArray();
                  RealVector r =
                      new ArrayRealVector(DampedOscillation.residuals(params, t, y), false);
                  RealMatrix j =
                      new Array2DRowRealMatrix(
                          DampedOscillationAdjoint.residualsJacobian(params, t, y), false);
                  return new Pair<>(r, j);
                })
            .target(new double[t.length])
            .maxEvaluations(1000)
            .maxIterations(1000)
            .build();
    LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);

    double[] params = optimum.getPoint().toArray();
    double residualStd = Math.sqrt(optimum.getReducedChiSquare(params.length));
    double[] errors = optimum.getSigma(1e-12).mapMultiply(residualStd).toArray();
    return new Fit(
        params, errors, optimum.getRMS(), optimum.getIterations(), optimum.getEvaluations());
  }

  /** The data, the fitted curve and the true curve as a chart. */
  static XYChart chart(Data data, double[] fitted) {
    XYChart chart =
        Charts.chart("Damped oscillation fitted by Levenberg-Marquardt", "t [s]",
            "displacement y [m]");
    XYSeries points = chart.addSeries("data", data.t(), data.y());
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    points.setMarker(SeriesMarkers.CIRCLE);
    points.setMarkerColor(new Color(70, 110, 180));
    int n = 501;
    double[] t = new double[n];
    double[] fit = new double[n];
    double[] truth = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = DURATION * i / (n - 1);
      fit[i] = DampedOscillation.model(fitted, t[i]);
      truth[i] = DampedOscillation.model(TRUTH, t[i]);
    }
    XYSeries fitCurve = chart.addSeries("fit", t, fit);
    fitCurve.setMarker(SeriesMarkers.NONE);
    fitCurve.setLineColor(new Color(200, 30, 30));
    fitCurve.setLineStyle(new BasicStroke(2.5f));
    XYSeries trueCurve = chart.addSeries("truth", t, truth);
    trueCurve.setMarker(SeriesMarkers.NONE);
    trueCurve.setLineColor(Color.BLACK);
    trueCurve.setLineStyle(
        new BasicStroke(
            1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    return chart;
  }

  /**
   * The largest difference between the generated Jacobian and central differences of the
   * residuals (step {@code h} relative to each parameter), relative to the largest entry.
   */
  static double jacobianError(double[] params, Data data, double h) {
    double[][] j = DampedOscillationAdjoint.residualsJacobian(params, data.t(), data.y());
    double worst = 0;
    double scale = 0;
    for (int k = 0; k < params.length; k++) {
      double step = h * Math.max(1, Math.abs(params[k]));
      double[] up = params.clone();
      double[] down = params.clone();
      up[k] += step;
      down[k] -= step;
      double[] rUp = DampedOscillation.residuals(up, data.t(), data.y());
      double[] rDown = DampedOscillation.residuals(down, data.t(), data.y());
      for (int i = 0; i < rUp.length; i++) {
        double numeric = (rUp[i] - rDown[i]) / (2 * step);
        worst = Math.max(worst, Math.abs(numeric - j[i][k]));
        scale = Math.max(scale, Math.abs(j[i][k]));
      }
    }
    return worst / scale;
  }

  public static void main(String[] args) {
    Data data = syntheticData(TRUTH, SAMPLES, DURATION, NOISE, SEED);
    System.out.printf(
        "y = a exp(-b t) cos(omega t + phi): %d samples on [0, %.0f] s, noise %.2f, seed %d%n",
        SAMPLES, DURATION, NOISE, SEED);
    Fit fit = fit(data, START);
    System.out.printf(
        "Hipparchus Levenberg-Marquardt with DampedOscillationAdjoint.residualsJacobian:%n"
            + "  %d iterations, %d evaluations, RMS residual %.4f%n",
        fit.iterations(), fit.evaluations(), fit.rms());
    System.out.println("parameter  start     fitted ± std. error     truth");
    for (int k = 0; k < TRUTH.length; k++) {
      System.out.printf(
          "%-9s  %6.3f    %7.4f ± %.4f         %6.3f%n",
          NAMES[k], START[k], fit.params()[k], fit.standardErrors()[k], TRUTH[k]);
    }
    System.out.printf(
        "Jacobian (%dx%d) vs central differences at the fit: max. rel. difference %.1e%n",
        SAMPLES, TRUTH.length, jacobianError(fit.params(), data, 1e-6));
    Path png = Charts.save(chart(data, fit.params()), "fitting");
    System.out.println("Plot: " + png);
  }
}
