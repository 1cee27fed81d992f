package dev.cotangent.samples.projectile;

import static dev.cotangent.samples.projectile.ProjectileAiming.DRAG;
import static dev.cotangent.samples.projectile.ProjectileAiming.DT;
import static dev.cotangent.samples.projectile.ProjectileAiming.SPEED;
import static dev.cotangent.samples.projectile.ProjectileAiming.START_DEGREES;
import static dev.cotangent.samples.projectile.ProjectileAiming.TARGET;

import dev.cotangent.samples.plots.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the trajectories of the shots that {@link ProjectileAiming#aim} tries on its way to the
 * target, as a PNG chart.
 */
public final class TrajectoryPlot {
  private TrajectoryPlot() {}

  /** The points {x, y} of a shot, simulated as in {@link Projectile#landingDistance}. */
  static double[][] trajectory(double angle, double speed, double drag, double dt) {
    List<double[]> points = new ArrayList<>();
    double x = 0;
    double y = 0;
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    double xBefore = 0;
    double yBefore = 0;
    while (y >= 0) {
      points.add(new double[] {x, y});
      xBefore = x;
      yBefore = y;
      double v = Math.hypot(vx, vy);
      double ax = -drag * v * vx;
      double ay = -Projectile.G - drag * v * vy;
      x += vx * dt;
      y += vy * dt;
      vx += ax * dt;
      vy += ay * dt;
    }
    double fraction = yBefore / (yBefore - y);
    points.add(new double[] {xBefore + fraction * (x - xBefore), 0});
    double[][] xy = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      xy[0][i] = points.get(i)[0];
      xy[1][i] = points.get(i)[1];
    }
    return xy;
  }

  /** Iterations that land closer than this to the final shot (m) are not drawn. */
  static final double HIDDEN_WITHIN = 0.5;

  /**
   * The legend entry that says which iterations are not drawn, or null when all are: they land
   * within {@link #HIDDEN_WITHIN} of the final shot, closer than a line width.
   */
  static String hiddenNote(List<Integer> hidden) {
    if (hidden.isEmpty()) {
      return null;
    }
    String which = (hidden.size() == 1 ? "iteration " : "iterations ")
        + hidden.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return String.format("%s not drawn: within %.1f m of the final shot", which, HIDDEN_WITHIN);
  }

  public static void main(String[] args) {
    List<ProjectileAiming.Iterate> iterates = new ArrayList<>();
    ProjectileAiming.aim(SPEED, DRAG, DT, TARGET, Math.toRadians(START_DEGREES), iterates::add);

    XYChart chart =
        Charts.chart(
            String.format("Aiming at %.0f m: the shots of the iterations (angle, landing distance)", TARGET),
            "x [m]",
            "height [m]",
            620); // room for the legend below the plot, one entry per line
    ProjectileAiming.Iterate last = iterates.get(iterates.size() - 1);
    // The last iterations differ by less than a line width: draw only the final one of them,
    // and say in its legend entry which were left out.
    List<ProjectileAiming.Iterate> drawn = new ArrayList<>();
    List<Integer> hidden = new ArrayList<>();
    for (ProjectileAiming.Iterate it : iterates) {
      if (it == last || Math.abs(it.distance() - last.distance()) >= HIDDEN_WITHIN) {
        drawn.add(it);
      } else {
        hidden.add(it.iteration());
      }
    }
    for (ProjectileAiming.Iterate it : drawn) {
      boolean isLast = it == last;
      double[][] xy = trajectory(it.angle(), SPEED, DRAG, DT);
      XYSeries series =
          chart.addSeries(
              String.format(
                  "%d%s: %.2f°, %.1f m",
                  it.iteration(),
                  isLast ? " (final)" : "",
                  Math.toDegrees(it.angle()),
                  it.distance()),
              xy[0],
              xy[1]);
      series.setMarker(SeriesMarkers.NONE);
      if (isLast) {
        series.setLineColor(Color.BLACK);
        series.setLineStyle(new BasicStroke(2.5f));
      }
    }
    String note = hiddenNote(hidden);
    if (note != null) {
      // a legend entry only: no line, no marker (its one point is the final shot's landing)
      XYSeries noteEntry = chart.addSeries(note, new double[] {last.distance()}, new double[] {0});
      noteEntry.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      noteEntry.setMarker(SeriesMarkers.NONE);
      noteEntry.setLineStyle(SeriesLines.NONE);
    }
    XYSeries target = chart.addSeries("target", new double[] {TARGET}, new double[] {0});
    target.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    target.setMarker(SeriesMarkers.DIAMOND);
    target.setMarkerColor(Color.RED);
    chart.getStyler().setMarkerSize(12);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);

    Path png = Charts.save(chart, "projectile");
    System.out.printf(
        "%d iterations from %.1f° to %.4f° (lands at %.6f m), simulated with time step %.2f s%n",
        iterates.size() - 1, START_DEGREES, Math.toDegrees(last.angle()), last.distance(), DT);
    System.out.println("Plot: " + png);
  }
}
