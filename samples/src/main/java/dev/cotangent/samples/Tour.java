package dev.cotangent.samples;

import dev.cotangent.samples.projectile.ProjectileAiming;
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
              "Projectile: aim a shot through quadratic drag (dev.cotangent.samples.projectile)",
              ProjectileAiming::main));

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
