package dev.cotangent.samples.orbit;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Fits the gravitational parameter μ and the drag coefficient c of {@link Orbit} to noisy
 * observations of a satellite's position by gradient descent, each gradient a reverse sweep
 * through the whole simulation of {@value #STEPS} steps, reversed from 20 snapshots.
 *
 * <p>The observations come from the simulation itself with known parameters plus Gaussian noise
 * from a fixed seed. The descent uses Barzilai–Borwein step lengths (the step from the change of
 * the gradient over the last step), halved while a step would increase the misfit.
 *
 * <p>A gradient costs a few simulations (the snapshots' trips run again), and keeps a few
 * hundred bytes whatever the number of steps; the same pullback taped step by step keeps
 * megabytes ({@link TapedMemory} measures both).
 */
public final class OrbitFit {
  /** Time step. */
  public static final double DT = 1e-4;

  /** Steps simulated: 10 time units, about one and a half revolutions. */
  public static final int STEPS = 100_000;

  /** Steps between observations. */
  public static final int EVERY = 500;

  /** The parameters that made the observations. */
  public static final double TRUE_MU = 1.0;

  public static final double TRUE_DRAG = 0.03;

  /** Standard deviation of the observation noise. */
  public static final double NOISE = 0.002;

  public static final long SEED = 20260101L;

  /** The first guess. */
  public static final double FIRST_MU = 0.97;

  public static final double FIRST_DRAG = 0.01;

  static final int MAX_ITERATIONS = 60;

  /** Stop when a step changes the parameters by less than this, relatively. */
  static final double TOLERANCE = 1e-8;

  private OrbitFit() {}

  /** Noisy observations of the orbit with the true parameters: {x[], y[]}. */
  public static double[][] observe(long seed) {
    double[][] track = Orbit.track(TRUE_MU, TRUE_DRAG, EVERY, STEPS, DT);
    Random random = new Random(seed);
    for (int i = 0; i < track[0].length; i++) {
      track[0][i] += NOISE * random.nextGaussian();
      track[1][i] += NOISE * random.nextGaussian();
    }
    return track;
  }

  /** One iterate of the descent. */
  public record Iterate(int iteration, double mu, double drag, double misfit) {}

  /** The fitted parameters, the gradients computed, and the memory the last one kept. */
  public record Fit(double mu, double drag, double misfit, int gradients,
      OrbitAdjoint.MisfitGradient holder) {}

  /** Gradient descent from (mu, drag); every accepted iterate goes to {@code onIterate}. */
  public static Fit fit(double[][] observed, double mu, double drag, Consumer<Iterate> onIterate) {
    OrbitAdjoint.MisfitGradient g = new OrbitAdjoint.MisfitGradient();
    double[] p = {mu, drag};
    double f = gradient(observed, p, g);
    double[] grad = {g.mu, g.drag};
    int gradients = 1;
    double step = 1e-3 / Math.hypot(grad[0], grad[1]);
    onIterate.accept(new Iterate(0, p[0], p[1], f));
    for (int it = 1; it <= MAX_ITERATIONS; it++) {
      double[] q = new double[2];
      double fq;
      do { // halve the step while it would increase the misfit (the primal suffices to see it)
        q[0] = p[0] - step * grad[0];
        q[1] = p[1] - step * grad[1];
        fq = Orbit.misfit(q[0], q[1], observed[0], observed[1], EVERY, STEPS, DT);
        step /= 2;
      } while (fq > f && step > 1e-30);
      fq = gradient(observed, q, g);
      gradients++;
      double[] gradQ = {g.mu, g.drag};
      double sx = q[0] - p[0];
      double sy = q[1] - p[1];
      double yx = gradQ[0] - grad[0];
      double yy = gradQ[1] - grad[1];
      double sty = sx * yx + sy * yy;
      boolean converged = Math.abs(sx) <= TOLERANCE * Math.abs(q[0])
          && Math.abs(sy) <= TOLERANCE * Math.abs(q[1]);
      p = q;
      f = fq;
      grad = gradQ;
      onIterate.accept(new Iterate(it, p[0], p[1], f));
      if (converged) {
        break;
      }
      step = sty > 0 ? (sx * sx + sy * sy) / sty : 2 * step; // Barzilai–Borwein
    }
    return new Fit(p[0], p[1], f, gradients, g);
  }

  /** The misfit at {@code p}; its gradient into {@code g} (cleared first). */
  static double gradient(double[][] observed, double[] p, OrbitAdjoint.MisfitGradient g) {
    g.clear();
    return OrbitAdjoint.misfit(p[0], p[1], observed[0], observed[1], EVERY, STEPS, DT, 1.0, g);
  }

  public static void main(String[] args) {
    double[][] observed = observe(SEED);
    long start = System.nanoTime();
    Fit fit = fit(observed, FIRST_MU, FIRST_DRAG, it -> {
      if (it.iteration() % 5 == 0 || it.iteration() < 3) {
        System.out.printf("  iteration %2d: mu = %.6f, drag = %.6f, misfit = %.6e%n",
            it.iteration(), it.mu(), it.drag(), it.misfit());
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("fitted mu = %.5f (true %.2f), drag = %.5f (true %.2f) from %d"
            + " observations, %d gradients of %,d steps in %.1f s%n", fit.mu(), TRUE_MU,
        fit.drag(), TRUE_DRAG, observed[0].length, fit.gradients(), STEPS, seconds);
    var checkpoints = fit.holder().checkpoints(0);
    System.out.printf("memory of a gradient: %d snapshots, %,d bytes, and a tape of %,d bytes"
            + " (one step); each gradient ran %.1f steps again per step%n",
        checkpoints.snapshots(), checkpoints.bytes(), fit.holder().tapeBytes(),
        checkpoints.reruns() / (double) STEPS);
    System.out.printf("the same gradient taped step by step keeps %,d bytes (measured)%n",
        TapedMemory.measure(observed));
    System.out.println("Plot: " + OrbitPlot.draw(observed, fit));
  }
}
