package dev.cotangent.spark.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The training loss per iteration as a PNG chart, written with XChart without a display.
 *
 * <p>By default the file goes into {@code plots/} in the build directory the classes were loaded
 * from ({@code spark/target/plots/} in a Maven build, whatever the working directory is), or into
 * the directory named by the system property {@value #DIRECTORY_PROPERTY}, as the samples do.
 */
public final class LossCurve {
  /** System property naming the directory for the PNG file. */
  public static final String DIRECTORY_PROPERTY = "cotangent.plots";

  private LossCurve() {}

  /**
   * Writes the chart of {@code losses} (one per iteration, from 0) to {@code file}, a name ending
   * in {@code .png}, creating its directory.
   */
  public static Path save(double[] losses, String title, Path file) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle("iteration")
            .yAxisTitle("mean cross-entropy")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setMarkerSize(0);
    double[] iterations = IntStream.range(0, losses.length).asDoubleStream().toArray();
    chart.addSeries("training loss", iterations, losses);
    try {
      Path absolute = file.toAbsolutePath().normalize();
      Files.createDirectories(absolute.getParent());
      BitmapEncoder.saveBitmap(chart, absolute.toString(), BitmapEncoder.BitmapFormat.PNG);
      return absolute;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the loss curve to " + file, e);
    }
  }

  /** Where the chart goes by default: {@code <directory>/spark-training.png}. */
  public static Path defaultFile() {
    return directory().resolve("spark-training.png");
  }

  private static Path directory() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Paths.get(property);
    }
    try {
      Path classes =
          Paths.get(LossCurve.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent().resolve("plots");
    } catch (URISyntaxException | RuntimeException e) {
      return Paths.get("target", "plots");
    }
  }
}
