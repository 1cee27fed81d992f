package dev.cotangent.runtime;

/**
 * A {@code double[][]} result and its directional derivative, as returned by the forward-mode
 * companion of a matrix-valued method (see {@link VectorDual}).
 *
 * @param value the function's result, equal element by element to what the original returns
 * @param tangent the derivative of each element, in the result's shape
 */
public record MatrixDual(double[][] value, double[][] tangent) {}
