package dev.cotangent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the derivative of a static function, for a library call whose source Cotangent cannot
 * read or a routine whose derivative is better written by hand.
 *
 * <p>The annotated method is static, returns {@code double}, takes exactly the parameters of
 * the function it differentiates and returns the partial derivative with respect to one of them:
 *
 * <pre>{@code
 * @DerivativeOf(owner = Special.class, method = "erf")
 * static double erfDerivative(double x) {
 *   return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
 * }
 *
 * @DerivativeOf(owner = Special.class, method = "beta", wrt = "b")
 * static double betaByB(double a, double b) { ... }
 * }</pre>
 *
 * Both modes use the rule wherever a {@code @Differentiable} method calls the function. The
 * processor checks the signature and reports a rule that matches no function. Rules must be in
 * the same compilation as the methods that use them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DerivativeOf {
  /** The class declaring the function. */
  Class<?> owner();

  /** The function's name. */
  String method();

  /**
   * The parameter the derivative is taken with respect to: its name, or its position counted
   * from 0 (for functions compiled without parameter names). May be left out when the function
   * has a single {@code double} parameter.
   */
  String wrt() default "";

}
