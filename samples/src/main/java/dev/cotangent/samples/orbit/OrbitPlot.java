package dev.cotangent.samples.orbit;

import dev.cotangent.samples.plots.Charts;
import java.awt.Color;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the observations, the first guess's orbit and the fitted one. */
final class OrbitPlot {
  private OrbitPlot() {}

  /** Writes {@code orbit.png}; returns its path. */
  static Path draw(double[][] observed, OrbitFit.Fit fit) {
    XYChart chart = Charts.chart(String.format("Orbit fitted through %,d steps: mu = %.4f,"
        + " drag = %.4f", OrbitFit.STEPS, fit.mu(), fit.drag()), "x", "y");
    int every = 100;
    orbit(chart, "first guess", Orbit.track(OrbitFit.FIRST_MU, OrbitFit.FIRST_DRAG, every,
        OrbitFit.STEPS, OrbitFit.DT), Color.GRAY);
    orbit(chart, "fitted", Orbit.track(fit.mu(), fit.drag(), every, OrbitFit.STEPS,
        OrbitFit.DT), Color.BLUE);
    XYSeries points = chart.addSeries("observed", observed[0], observed[1]);
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    points.setMarker(SeriesMarkers.CIRCLE);
    points.setMarkerColor(Color.RED);
    chart.getStyler().setMarkerSize(4);
    return Charts.save(chart, "orbit");
  }

  private static void orbit(XYChart chart, String name, double[][] track, Color color) {
    XYSeries series = chart.addSeries(name, track[0], track[1]);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
  }
}
