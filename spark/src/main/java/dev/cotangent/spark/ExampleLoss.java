package dev.cotangent.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * A loss over one example, seen through its generated pullback: what {@link CotangentGradient}
 * and {@link DistributedLoss} need to evaluate a {@code @Differentiable} loss and its gradient on
 * Spark's executors.
 *
 * <p>For {@code @Differentiable static double loss(double[] w, @NoDerivative double[] x,
 * @NoDerivative double y)} in a class {@code Model}, Cotangent generates the holder {@code
 * ModelAdjoint.LossGradient} and the pullback {@code ModelAdjoint.loss(w, x, y, seed, into)}, and
 * all three parts are method references or one-line lambdas:
 *
 * <pre>{@code
 * ExampleLoss<ModelAdjoint.LossGradient> loss =
 *     ExampleLoss.of(ModelAdjoint::loss, ModelAdjoint.LossGradient::new, g -> g.w);
 * }</pre>
 *
 * <p>Every part is {@link Serializable} (Spark ships them to the executors inside its tasks), so
 * lambdas must capture only serializable values. Nothing here is called reflectively: an
 * executor calls the generated pullback directly.
 *
 * @param <H> the generated gradient holder
 */
public final class ExampleLoss<H> implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A generated pullback: adds {@code seed}·∂loss/∂w into {@code into}'s gradient and returns the
   * loss of the example with features {@code features} and label {@code label} at {@code
   * weights}. This is exactly the shape of {@code ModelAdjoint.loss(w, x, y, seed, into)}.
   */
  @FunctionalInterface
  public interface Pullback<H> extends Serializable {
    double pullback(double[] weights, double[] features, double label, double seed, H into);
  }

  /**
   * Makes a zero holder for weights shaped like {@code template}: the generated holder's
   * constructor, {@code ModelAdjoint.LossGradient::new}.
   */
  @FunctionalInterface
  public interface Holders<H> extends Serializable {
    H create(double[] template);
  }

  /** The holder's gradient with respect to the weights, its field {@code w}: {@code g -> g.w}. */
  @FunctionalInterface
  public interface GradientField<H> extends Serializable {
    double[] of(H holder);
  }

  private final Pullback<H> pullback;
  private final Holders<H> holders;
  private final GradientField<H> gradient;

  private ExampleLoss(Pullback<H> pullback, Holders<H> holders, GradientField<H> gradient) {
    this.pullback = Objects.requireNonNull(pullback, "pullback");
    this.holders = Objects.requireNonNull(holders, "holders");
    this.gradient = Objects.requireNonNull(gradient, "gradient");
  }

  /** The loss whose pullback is {@code pullback}, with holders made by {@code holders}. */
  public static <H> ExampleLoss<H> of(
      Pullback<H> pullback, Holders<H> holders, GradientField<H> gradient) {
    return new ExampleLoss<>(pullback, holders, gradient);
  }

  /**
   * A new zero holder for {@code weights}; checks that its gradient has their length.
   *
   * @throws IllegalArgumentException if the holder's gradient is not shaped like the weights
   */
  public H newHolder(double[] weights) {
    H holder = holders.create(weights);
    double[] g = gradient.of(holder);
    if (g.length != weights.length) {
      throw new IllegalArgumentException(
          "the holder's gradient has " + g.length + " elements for " + weights.length + " weights");
    }
    return holder;
  }

  /** The gradient array of {@code holder} (not a copy). */
  public double[] gradient(H holder) {
    return gradient.of(holder);
  }

  /**
   * Adds the gradient of one example's loss into {@code holder} and returns the loss: the
   * generated pullback with seed 1.
   */
  public double addGradient(H holder, double[] weights, double[] features, double label) {
    return pullback.pullback(weights, features, label, 1.0, holder);
  }
}
