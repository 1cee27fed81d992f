package dev.cotangent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Paired} measures what its names say: the primal first, and the generated gradient, the
 * hand-written one and the tangent of the same instance as the JMH benchmarks.
 */
class PairedTest {

  private static Map<String, DoubleSupplier> methods(String name) {
    List<Paired.Workload> found = Paired.workloadsMatching(java.util.regex.Pattern.quote(name));
    assertEquals(1, found.size(), name);
    Map<String, DoubleSupplier> m = found.get(0).methods().get();
    assertEquals(name.startsWith("BA") ? List.of("primal", "cotangent", "tangent")
        : name.startsWith("Pendulum") ? List.of("primal", "cotangent")
        : name.startsWith("GMM") ? List.of("primal", "cotangent", "cotangentNew", "hand", "tangent")
        : List.of("primal", "cotangent", "hand", "tangent"), List.copyOf(m.keySet()));
    return m;
  }

  @Test
  void baMethodsSumWhatTheJmhBenchmarksConsume() {
    Map<String, DoubleSupplier> m = methods("BA 31843 observations");
    BaBench b = new BaBench();
    b.observations = 31843;
    b.setup();
    double primal = 0;
    double jacobian = 0;
    double tangent = 0;
    for (int o = 0; o < b.ba.observations(); o++) {
      double[] r = Ba.residual(b.ba.cameras[b.ba.camIndex[o]], b.ba.points[b.ba.ptIndex[o]],
          b.ba.weights[o], b.ba.features[o]);
      double w = Ba.weightError(b.ba.weights[o]);
      primal += r[0] + r[1] + w;
      double[][] j = BaAdjoint.residualJacobian(b.ba.cameras[b.ba.camIndex[o]],
          b.ba.points[b.ba.ptIndex[o]], b.ba.weights[o], b.ba.features[o]);
      jacobian += j[0][0] + j[1][14] + -2 * b.ba.weights[o]; // d(1 - w²)/dw
      double[] rt = b.residualTangent(o);
      tangent += rt[0] + b.residualDot[0] + b.weightTangent(o).value()
          + b.weightTangent(o).tangent();
    }
    assertEquals(primal, m.get("primal").getAsDouble(), 0);
    assertEquals(jacobian, m.get("cotangent").getAsDouble(), 1e-9 * Math.abs(jacobian));
    assertEquals(tangent, m.get("tangent").getAsDouble(), 0);
    assertEquals(8.0, Paired.target("BA 31843 observations", "cotangent"));
  }

  @Test
  void gmmMethodsAgreeWithThePrimal() {
    Map<String, DoubleSupplier> m = methods("GMM d=10 K=25 n=1000");
    GmmFixture f = new GmmFixture(10, 25, 1000);
    double value = f.primal();
    assertEquals(value, m.get("primal").getAsDouble(), 0);
    assertEquals(value, m.get("cotangent").getAsDouble(), 1e-9 * Math.abs(value)); // its value
    assertEquals(m.get("cotangent").getAsDouble(), m.get("cotangentNew").getAsDouble(), 0);
    f.hand();
    assertEquals(f.gIcf[0][0], m.get("hand").getAsDouble(), 0);
    assertEquals(f.tangent().tangent(), m.get("tangent").getAsDouble(), 0);
  }

  @Test
  void rosenbrockGradientsAgree() {
    Map<String, DoubleSupplier> m = methods("Rosenbrock n=1000");
    double[] x = Fixtures.rosenbrock(1000, 7);
    double[] grad = new double[1000];
    double value = Rosenbrock.gradient(x, grad);
    assertEquals(value, m.get("primal").getAsDouble(), 1e-12 * value);
    assertEquals(grad[0], m.get("cotangent").getAsDouble(), 1e-10 * Math.abs(grad[0]));
    assertEquals(grad[0], m.get("hand").getAsDouble(), 0);
    assertEquals(14, Paired.workloads().size()); // with issue 18's Drag Vec3 and Drag doubles
  }

  @Test
  void theCheckpointedPendulumPullsBackTwoMillionStepsToThePrimalsValue() {
    Map<String, DoubleSupplier> m = methods("Pendulum T=2000000 checkpoints=20");
    assertEquals(m.get("primal").getAsDouble(), m.get("cotangent").getAsDouble(), 0);
    assertEquals(12.0, Paired.target("Pendulum T=2000000 checkpoints=20", "cotangent"));
  }

  @Test
  void targetsAreTheIssuesAndTheSummarySaysWhetherTheMedianMeetsThem() {
    assertEquals(2.0, Paired.target("GMM d=10 K=25 n=1000", "cotangent"));
    assertEquals(2.0, Paired.target("GMM d=64 K=25 n=1000", "cotangent"));
    assertEquals(3.0, Paired.target("Rosenbrock n=10000", "cotangent"));
    assertEquals(2.0, Paired.target("Rosenbrock n=1000", "tangent"));
    assertEquals(Double.NaN, Paired.target("GMM d=10 K=25 n=1000", "hand"));
    Map<String, List<Double>> ratios = new java.util.LinkedHashMap<>();
    ratios.put("cotangent", List.of(1.5, 2.4, 1.9));
    ratios.put("hand", List.of(1.7, 1.8, 1.6));
    ratios.put("tangent", List.of(2.1, 2.2, 1.9));
    String line = Paired.summary("GMM d=10 K=25 n=1000", ratios);
    assertEquals("GMM d=10 K=25 n=1000       median J/f:  cotangent 1.90 (1.50..2.40) met"
        + "  hand 1.70 (1.60..1.80)  tangent 2.10 (1.90..2.20) MISSED", line);
  }

  /** The second-order workloads compute what they say, against closed forms. */
  @Test
  void secondOrderWorkloadsComputeTheirHessians() {
    Map<String, DoubleSupplier> r = Paired.workloadsMatching("Hessian Rosenbrock n=100").get(0)
        .methods().get();
    assertEquals(List.of("primal", "hvps", "hessian"), List.copyOf(r.keySet()));
    assertEquals(200.0, r.get("hvps").getAsDouble(), 1e-12); // ∂²/∂x[n-1]² = 200
    assertEquals(200.0, r.get("hessian").getAsDouble(), 1e-12);

    Map<String, DoubleSupplier> l = Paired.workloadsMatching("Hessian logistic d=50").get(0)
        .methods().get();
    double[][] xs = SecondOrderFixture.logisticPoints(500, 50, 5);
    double[] w = Fixtures.direction(50, 6);
    double expected = 0;
    for (int j = 0; j < 50; j++) {
      w[j] *= 0.2;
    }
    for (double[] x : xs) {
      double z = 0;
      for (int j = 0; j < 50; j++) {
        z += w[j] * x[j];
      }
      double s = 1 / (1 + Math.exp(-z));
      expected += s * (1 - s) * x[49] * x[49] / xs.length;
    }
    assertEquals(expected, l.get("hvps").getAsDouble(), 1e-12 * expected);
    assertEquals(expected, l.get("hessian").getAsDouble(), 1e-12 * expected);

    Map<String, DoubleSupplier> h = Paired.workloadsMatching("HVP Rosenbrock n=1000").get(0)
        .methods().get();
    double[] x = Fixtures.rosenbrock(1000, 7);
    double[] v = Fixtures.direction(1000, SecondOrderFixture.DIRECTION_SEED);
    // (H v)[0] = (1200 x0² - 400 x1 + 2) v0 - 400 x0 v1
    double hv0 = (1200 * x[0] * x[0] - 400 * x[1] + 2) * v[0] - 400 * x[0] * v[1];
    assertEquals(hv0, h.get("hvp").getAsDouble(), 1e-12 * Math.abs(hv0));
    assertEquals(3.0, Paired.target("HVP GMM d=10 K=25 n=1000", "hvp/gradient"));
    assertEquals(0.6, Paired.target("Hessian logistic d=50", "hessian/hvps"));
    assertEquals(Map.of("hvp/gradient", 2.0), Paired.derived(Map.of("primal", 1.0,
        "cotangent", 3.0, "hvp", 6.0)));
  }
}
