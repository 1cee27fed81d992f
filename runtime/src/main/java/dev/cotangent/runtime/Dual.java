package dev.cotangent.runtime;

/**
 * A value and its directional derivative, as returned by forward-mode (Tangent) companions.
 *
 * @param value the function's value, equal to what the original method returns
 * @param tangent the directional derivative: the sum over differentiable parameters p of
 *     {@code ∂f/∂p · pDot}
 */
public record Dual(double value, double tangent) {}
