package dev.cotangent.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The files the tour tells the reader to open next exist where it says. */
class TourTest {
  @Test
  void theFilesToOpenNextExist() throws IOException {
    Path source = Path.of("").toAbsolutePath().resolve(Tour.shown(Tour.SOURCE));
    Path generated = Path.of("").toAbsolutePath().resolve(Tour.shown(Tour.GENERATED));
    assertTrue(Files.readString(source).contains("public static double landingDistance("),
        source::toString);
    assertTrue(Files.readString(generated).contains("public final class ProjectileAdjoint"),
        generated::toString);
  }
}
