package dev.cotangent.samples;

import dev.cotangent.samples.finance.FinanceGreeks;
import dev.cotangent.samples.fitting.OscillationFit;
import dev.cotangent.samples.heat.DiffusivityRecovery;
import dev.cotangent.samples.mlp.Training;
import dev.cotangent.samples.newton.NewtonLogistic;
import dev.cotangent.samples.orbit.OrbitFit;
import dev.cotangent.samples.particle.LaunchFit;
import dev.cotangent.samples.projectile.AngleAndSpeed;
import dev.cotangent.samples.projectile.ProjectileAiming;
import dev.cotangent.samples.projectile.TrajectoryPlot;
import dev.cotangent.samples.robotarm.InverseKinematics;
import java.net.URISyntaxException;
import java.nio.file.Path;
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
              "Records: a throw through wind and drag written with Vec3 and State records"
                  + " (dev.cotangent.samples.particle)",
              LaunchFit::main),
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
              "Long simulation: an orbit's gravity and drag fitted through 100,000 steps reversed"
                  + " from 20 snapshots (dev.cotangent.samples.orbit)",
              OrbitFit::main),
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
    System.out.println();
    System.out.println(
        "Not in the tour: training on Apache Spark (module spark/). Starting Spark and training"
            + " the network take about half a minute, so run it on its own:");
    System.out.println("  mvn -q -pl spark -am -Ptrain -DskipTests package");
    System.out.println("(README.md, \"Training on Spark\", also shows spark-submit.)");
    System.out.println();
    System.out.println("Next, open a sample's source and the code Cotangent wrote for it:");
    System.out.println("  " + shown(SOURCE) + " (landingDistance: the simulation)");
    System.out.println("  " + shown(GENERATED) + " (its gradient, pullback and Jacobian)");
  }

  /** The projectile sample's source, relative to the samples module. */
  static final Path SOURCE =
      Path.of("src", "main", "java", "dev", "cotangent", "samples", "projectile", "Projectile.java");

  /** The reverse-mode companion Cotangent generated from it, relative to the samples module. */
  static final Path GENERATED =
      Path.of("target", "generated-sources", "annotations", "dev", "cotangent", "samples",
          "projectile", "ProjectileAdjoint.java");

  /**
   * {@code file} in the samples module this class was loaded from ({@code target/classes}'
   * module), relative to the working directory when it is inside it; {@code file} itself when
   * the module cannot be found.
   */
  static Path shown(Path file) {
    try {
      Path classes = Path.of(Tour.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path module = classes.getParent().getParent();
      Path path = module.resolve(file).toAbsolutePath().normalize();
      Path here = Path.of("").toAbsolutePath();
      return path.startsWith(here) ? here.relativize(path) : path;
    } catch (URISyntaxException | RuntimeException e) {
      return file;
    }
  }
}
