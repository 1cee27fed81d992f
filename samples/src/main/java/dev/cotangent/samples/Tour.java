package dev.cotangent.samples;

import dev.cotangent.samples.finance.FinanceGreeks;
import dev.cotangent.samples.fitting.OscillationFit;
import dev.cotangent.samples.heat.DiffusivityRecovery;
import dev.cotangent.samples.mlp.Training;
import dev.cotangent.samples.newton.NewtonLogistic;
import dev.cotangent.samples.projectile.AngleAndSpeed;
import dev.cotangent.samples.projectile.ProjectileAiming;
import dev.cotangent.samples.projectile.TrajectoryPlot;
import dev.cotangent.samples.robotarm.InverseKinematics;
import java.util.List;
import java.util.function.Consumer;

/** Runs every sample in turn: {@code mvn -q -pl samples exec:java}. */
public final class Tour {
  private Tour() {}

  /** One sample: a title for its header line and its {@code main}. */
  private record Sample(String title, Consumer<String[]> main) {}

  private static final List<Sample> SAMPLES =
      List.of(
          new Sample(
              "Projectile: aim a shot through quadratic drag, then fit angle and speed together"
                  + " (dev.cotangent.samples.projectile)",
              args -> {
                ProjectileAiming.main(args);
                AngleAndSpeed.main(args);
              }),
          new Sample(
              "Finance: Black-Scholes and Monte-Carlo Asian Greeks (dev.cotangent.samples.finance)",
              FinanceGreeks::main),
          new Sample(
              "Fitting: Levenberg-Marquardt with a generated Jacobian (dev.cotangent.samples.fitting)",
              OscillationFit::main),
          new Sample(
              "Plots: the projectile's aiming iterations as a chart (dev.cotangent.samples.projectile)",
              TrajectoryPlot::main),
          new Sample(
              "Robotics: inverse kinematics of a three-link arm (dev.cotangent.samples.robotarm)",
              InverseKinematics::main),
          new Sample(
              "Inverse problem: a rod's diffusivity from noisy temperatures (dev.cotangent.samples.heat)",
              DiffusivityRecovery::main),
          new Sample(
              "Machine learning: a small network learns the two moons (dev.cotangent.samples.mlp)",
              Training::main),
          new Sample(
              "Second order: Newton's method with the generated Hessian against gradient descent"
                  + " (dev.cotangent.samples.newton)",
              NewtonLogistic::main));

  public static void main(String[] args) {
    System.out.println("Cotangent samples tour");
    for (int i = 0; i < SAMPLES.size(); i++) {
      Sample sample = SAMPLES.get(i);
      System.out.println();
      System.out.printf("== %d/%d %s ==%n", i + 1, SAMPLES.size(), sample.title());
      sample.main().accept(args);
    }
  }
}
