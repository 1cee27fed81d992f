package dev.cotangent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds a {@code double} parameter of a {@link Differentiable} method constant: the generated
 * gradient has no field for it and the tangent companion takes no tangent for it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface NoDerivative {}
