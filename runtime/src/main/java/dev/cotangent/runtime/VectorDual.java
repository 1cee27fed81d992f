package dev.cotangent.runtime;

/**
 * A {@code double[]} result and its directional derivative, as returned by the forward-mode
 * companion of a vector-valued method that takes no {@code resultDot} array (a caller's tangent
 * calls it, not knowing the result's length in advance).
 *
 * @param value the function's result, equal element by element to what the original returns
 * @param tangent J·ẋ, of the result's length
 */
public record VectorDual(double[] value, double[] tangent) {}
