package dev.cotangent.samples;

/** Runs every sample in turn. */
public final class Tour {
  private Tour() {}

  public static void main(String[] args) {
    System.out.println("Cotangent samples tour");
  }
}
