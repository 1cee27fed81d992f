package dev.cotangent.processor.features;

import dev.cotangent.processor.testing.CompiledSources;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable} instance methods: companions take the receiver first; the receiver's
 * package-private fields (a {@code double[] weights} too) are constants; other instance methods
 * of the same object may be called (plain helpers and {@code @Differentiable} ones). Also an
 * instance method of a generic class and an interface default method.
 */
class InstanceMethodsTest {
  static final String NEURON =
      """
      package features.inst;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      public class Neuron {
        double[] weights;
        double bias;
        double slope;

        public Neuron(double[] weights, double bias, double slope) {
          this.weights = weights;
          this.bias = bias;
          this.slope = slope;
        }

        double preActivation(double[] x) {
          double s = bias;
          for (int i = 0; i < weights.length; i++) {
            s += weights[i] * x[i];
          }
          return s;
        }

        double activate(double z) {
          return Math.tanh(slope * z);
        }

        /** gain · tanh(slope · (bias + w·x)), through two helpers of this object. */
        @Differentiable
        public double predict(double[] x, double gain) {
          return gain * activate(preActivation(x));
        }

        /** Calls another @Differentiable instance method of this object. */
        @Differentiable
        public double loss(double[] x, @NoDerivative double target) {
          double e = predict(x, 1.5) - target;
          return e * e + 0.1 * this.bias * x[0];
        }
      }
      """;

  static CompiledSources sources;
  static Class<?> neuron;

  @BeforeAll
  static void compile() {
    sources = CompiledSources.compile(NEURON);
    neuron = sources.load("features.inst.Neuron");
  }

  private static Object neuron(double[] w, double b, double slope) {
    try {
      Constructor<?> c = neuron.getConstructor(double[].class, double.class, double.class);
      return c.newInstance(w, b, slope);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static ScalarCheck check(String name, Class<?>... types) {
    return new ScalarCheck(neuron, sources.load("features.inst.NeuronAdjoint"),
        sources.load("features.inst.NeuronTangent"), name, types, name.equals("predict")
            ? new String[] {"x", "gain"} : new String[] {"x"});
  }

  @Test
  void predictThroughHelpersOfTheSameObject() {
    ScalarCheck c = check("predict", double[].class, double.class);
    double[] w = {0.8, -0.5, 1.2};
    Object model = neuron(w.clone(), 0.3, 0.7);
    for (double[] x : new double[][] {{0.4, 1.1, -0.6}, {-1.0, 0.2, 0.9}}) {
      double gain = 1.3;
      ScalarCheck.Result r = c.at(model, x.clone(), gain);
      double z = 0.3;
      for (int i = 0; i < 3; i++) {
        z += w[i] * x[i];
      }
      double a = Math.tanh(0.7 * z);
      for (int i = 0; i < 3; i++) {
        Support.near(gain * (1 - a * a) * 0.7 * w[i], r.gradient()[i], 1e-14,
            "predict ∂/∂x[" + i + "] closed form");
      }
      Support.near(a, r.gradient()[3], 1e-15, "predict ∂/∂gain closed form");
    }
    // another receiver: its fields are the constants
    Object other = neuron(new double[] {-0.2, 0.9, 0.4}, -0.5, 1.4);
    c.at(other, new double[] {0.4, 1.1, -0.6}, 0.8);
  }

  @Test
  void differentiableInstanceMethodCallingAnother() {
    ScalarCheck c = check("loss", double[].class, double.class);
    Object model = neuron(new double[] {0.8, -0.5, 1.2}, 0.3, 0.7);
    c.at(model, new double[] {0.4, 1.1, -0.6}, 0.25);
    c.at(model, new double[] {-1.0, 0.2, 0.9}, -0.7);
  }

  // ------------------------------------------------------------------ generic class, interface

  static final String GENERIC =
      """
      package features.generic;

      import dev.cotangent.Differentiable;

      public class Tagged<T> {
        double k;
        T tag;

        public Tagged(double k, T tag) {
          this.k = k;
          this.tag = tag;
        }

        @Differentiable
        public double energy(double x, double y) {
          return k * x * x + Math.sin(x * y);
        }
      }
      """;

  @Test
  void instanceMethodOfAGenericClass() throws Exception {
    CompiledSources s = CompiledSources.compile(GENERIC);
    Class<?> tagged = s.load("features.generic.Tagged");
    Object receiver = tagged.getConstructor(double.class, Object.class).newInstance(1.7, "label");
    ScalarCheck c = new ScalarCheck(tagged, s.load("features.generic.TaggedAdjoint"),
        s.load("features.generic.TaggedTangent"), "energy",
        new Class<?>[] {double.class, double.class}, "x", "y");
    double x = 0.6;
    double y = -1.3;
    ScalarCheck.Result r = c.at(receiver, x, y);
    Support.near(2 * 1.7 * x + y * Math.cos(x * y), r.gradient()[0], 1e-14, "energy ∂/∂x");
    Support.near(x * Math.cos(x * y), r.gradient()[1], 1e-14, "energy ∂/∂y");
  }

  static final String SHAPE =
      """
      package features.iface;

      import dev.cotangent.Differentiable;

      public interface Shape {
        double scale();

        @Differentiable
        default double area(double r, double t) {
          return Math.PI * r * r * t + helper(r);
        }

        default double helper(double r) {
          return Math.exp(-r);
        }
      }
      """;

  static final String DISC =
      """
      package features.iface;

      public class Disc implements Shape {
        public double scale() {
          return 2.0;
        }
      }
      """;

  @Test
  void interfaceDefaultMethod() throws Exception {
    CompiledSources s = CompiledSources.compile(SHAPE, DISC);
    Class<?> shape = s.load("features.iface.Shape");
    Object disc = s.load("features.iface.Disc").getConstructor().newInstance();
    ScalarCheck c = new ScalarCheck(shape, s.load("features.iface.ShapeAdjoint"),
        s.load("features.iface.ShapeTangent"), "area",
        new Class<?>[] {double.class, double.class}, "r", "t");
    double r = 1.2;
    double t = 0.4;
    ScalarCheck.Result res = c.at(disc, r, t);
    Support.near(2 * Math.PI * r * t - Math.exp(-r), res.gradient()[0], 1e-14, "area ∂/∂r");
    Support.near(Math.PI * r * r, res.gradient()[1], 1e-14, "area ∂/∂t");
  }
}
