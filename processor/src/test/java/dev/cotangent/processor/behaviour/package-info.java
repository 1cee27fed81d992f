/**
 * Behaviour tests: functions written as Java source, compiled with the processor, and every
 * generated companion checked numerically by {@link
 * dev.cotangent.processor.testing.GradientCheck}, plus closed-form derivatives ({@code
 * ClosedFormTest}) and concurrent calls ({@code ConcurrencyTest}).
 */
package dev.cotangent.processor.behaviour;
