package dev.cotangent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose derivatives Cotangent generates at compile time.
 *
 * <p>For a method {@code f} in class {@code p.C}, the annotation processor writes
 * {@code p.CAdjoint} (reverse mode: value, gradient and pullback) and {@code p.CTangent}
 * (forward mode: value and directional derivative). Every {@code double} parameter is
 * differentiable unless it is marked {@link NoDerivative}; {@code int}, {@code long} and
 * {@code boolean} parameters are passed through unchanged.
 *
 * <p>With {@code order = 2} the processor also writes {@code p.CHessian}: for {@code f}, its
 * Hessian-vector product (value, gradient and H·v in one holder) and its dense Hessian
 * {@code fHessian}, made as the tangent of the adjoint. Methods it calls get second-order
 * companions too.
 *
 * <p>A method body outside the supported subset is a compile error at the offending line.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /**
   * How many snapshots of its state each loop of the method (one inside no other loop) may keep
   * to be reversed, instead of taping every trip; 0 (the default) tapes every trip.
   *
   * <p>With {@code checkpoints = N}, the reverse sweep of a loop that would tape something on
   * each trip stores at most N snapshots of the values carried from trip to trip, runs trips
   * again from the nearest snapshot, and tapes one trip at a time: memory N·state plus the tape
   * of one trip, whatever the trip count. A counted loop ({@code for (int i = a; i < b; i++)})
   * uses the binomial (revolve) schedule; a {@code while} loop, or one that may {@code break} or
   * {@code return}, an online one. Loops inside a checkpointed trip are taped within the trip.
   */
  int checkpoints() default 0;

  /**
   * The highest derivative order wanted: 1 (the default) for the adjoint and tangent
   * companions, 2 for the {@code Hessian} companion as well. Other values are a compile error.
   */
  int order() default 1;
}
