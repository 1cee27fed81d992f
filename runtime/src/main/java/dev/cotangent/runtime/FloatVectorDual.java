package dev.cotangent.runtime;

/**
 * A {@code float[]} result and its directional derivative, as returned by the forward-mode
 * companion of a method returning {@code float[]} (see {@link VectorDual}).
 *
 * @param value the function's result, equal element by element to what the original returns
 * @param tangent the derivative of each element, of the result's length
 */
public record FloatVectorDual(float[] value, float[] tangent) {}
