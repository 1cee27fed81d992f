package dev.cotangent.samples.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ChartsTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void writesAPngWithoutADisplay(@TempDir Path directory) throws IOException {
    XYChart chart = Charts.chart("test", "x", "y");
    chart.addSeries("line", new double[] {0, 1, 2}, new double[] {0, 1, 4});

    Path file = Charts.save(chart, directory.resolve("nested"), "chart");

    assertEquals("chart.png", file.getFileName().toString());
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length > 1000, "suspiciously small PNG");
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
    assertEquals("true", System.getProperty("java.awt.headless"));
  }

  @Test
  void defaultDirectoryIsInTheBuildDirectory() {
    Path directory = Charts.directory();

    assertEquals("plots", directory.getFileName().toString());
    assertEquals("target", directory.getParent().getFileName().toString());
  }
}
