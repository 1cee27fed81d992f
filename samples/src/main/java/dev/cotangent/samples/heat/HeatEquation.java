package dev.cotangent.samples.heat;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * Heat conduction in a thin rod, {@code ∂u/∂t = κ·∂²u/∂x²}, solved by explicit finite differences:
 * the temperatures {@code u[i]} on a uniform grid of spacing {@code dx} advance by steps of {@code
 * dt} as
 *
 * <pre>{@code u'[i] = u[i] + κ·dt/dx² · (u[i-1] - 2·u[i] + u[i+1])}</pre>
 *
 * <p>with both ends held at their initial temperatures. The scheme is stable while {@code κ·dt/dx²
 * ≤ 1/2}, that is {@code dt ≤ dx²/(2κ)}.
 *
 * <p>Cotangent generates {@code HeatEquationAdjoint} and {@code HeatEquationTangent}: the
 * derivatives of the simulated temperatures and of the misfit with respect to the diffusivity κ,
 * through every time step.
 */
public final class HeatEquation {
  private HeatEquation() {}

  /**
   * The temperatures after {@code steps} time steps.
   *
   * <p>Two buffers take turns: each step writes {@code next} from {@code u}, then the two swap.
   *
   * @param diffusivity the thermal diffusivity κ, m²/s
   * @param initial the temperatures at time 0 (not modified)
   */
  @Differentiable
  public static double[] temperatures(
      double diffusivity,
      @NoDerivative double[] initial,
      int steps,
      @NoDerivative double dx,
      @NoDerivative double dt) {
    int n = initial.length;
    double r = diffusivity * dt / (dx * dx);
    double[] u = initial.clone();
    double[] next = initial.clone();
    for (int step = 0; step < steps; step++) {
      for (int i = 1; i < n - 1; i++) {
        next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
      }
      double[] swap = u;
      u = next;
      next = swap;
    }
    return u;
  }

  /**
   * Half the sum of the squared differences between the temperatures simulated from {@code initial}
   * with diffusivity {@code diffusivity} and the {@code measured} ones, after {@code steps} time
   * steps: the loss to minimise to find the diffusivity.
   *
   * <p>The simulation is that of {@link #temperatures}, with the same arithmetic (so the same
   * numbers), but with a fresh array for every step. It is repeated rather than called because
   * Cotangent does not yet differentiate through a call of a method that returns an array.
   */
  @Differentiable
  public static double misfit(
      double diffusivity,
      @NoDerivative double[] initial,
      @NoDerivative double[] measured,
      int steps,
      @NoDerivative double dx,
      @NoDerivative double dt) {
    int n = initial.length;
    double r = diffusivity * dt / (dx * dx);
    double[] u = initial.clone();
    for (int step = 0; step < steps; step++) {
      double[] next = new double[n];
      next[0] = u[0];
      next[n - 1] = u[n - 1];
      for (int i = 1; i < n - 1; i++) {
        next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
      }
      u = next;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double difference = u[i] - measured[i];
      sum += difference * difference;
    }
    return 0.5 * sum;
  }
}
