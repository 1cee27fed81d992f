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
   * The highest derivative order wanted: 1 (the default) for the adjoint and tangent
   * companions, 2 for the {@code Hessian} companion as well. Other values are a compile error.
   */
  int order() default 1;
}
