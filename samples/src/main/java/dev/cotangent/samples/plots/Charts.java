package dev.cotangent.samples.plots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes the samples' charts as PNG files with XChart, without a display.
 *
 * <p>The files go into the directory named by the system property {@value #DIRECTORY_PROPERTY},
 * or else into {@code plots/} in the build directory the samples' classes were loaded from
 * ({@code samples/target/plots/} in a Maven build), whatever the working directory is.
 */
public final class Charts {
  /** System property naming the directory for the PNG files. */
  public static final String DIRECTORY_PROPERTY = "cotangent.plots";

  private Charts() {}

  /** A line chart of the samples' common size (800×500) and style. */
  public static XYChart chart(String title, String xAxis, String yAxis) {
    return chart(title, xAxis, yAxis, 500);
  }

  /** A line chart of the samples' common width and style, {@code height} pixels high. */
  public static XYChart chart(String title, String xAxis, String yAxis, int height) {
    headless();
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(height)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setMarkerSize(6);
    return chart;
  }

  /**
   * Writes {@code chart} to {@code <directory>/<name>.png}, creating the directory.
   *
   * @return the file written
   */
  public static Path save(XYChart chart, String name) {
    return save(chart, directory(), name);
  }

  /** Writes {@code chart} to {@code <directory>/<name>.png}, creating the directory. */
  public static Path save(XYChart chart, Path directory, String name) {
    headless();
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(name + ".png");
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
      return file.toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + name, e);
    }
  }

  /** Where {@link #save(XYChart, String)} writes. */
  public static Path directory() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Paths.get(property);
    }
    try {
      // target/classes (or target/test-classes, or the jar in target/): its parent is target/.
      Path classes = Paths.get(Charts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent().resolve("plots");
    } catch (URISyntaxException | RuntimeException e) {
      return Paths.get("target", "plots");
    }
  }

  /** Charts are drawn off screen: never look for a display, even when one is configured. */
  private static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
