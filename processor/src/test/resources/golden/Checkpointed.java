package golden;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/** A loop reversed from snapshots: a drag-slowed fall, counted, then until it stops. */
public class Checkpointed {
  @Differentiable(checkpoints = 10)
  public static double fall(double drag, double v0, @NoDerivative double dt, int steps) {
    double v = v0;
    double h = 0;
    for (int s = 0; s < steps; s++) {
      v += (9.81 - drag * v * Math.abs(v)) * dt;
      h += v * dt;
    }
    while (v > 0.1) {
      v -= drag * Math.sqrt(v) * dt;
    }
    return h + v;
  }
}
