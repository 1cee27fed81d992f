/**
 * A harness for behaviour tests of generated companions.
 *
 * <ul>
 *   <li>{@link dev.cotangent.processor.testing.CompiledSources} compiles sources in memory with the
 *       Cotangent processor (compile-testing) and loads the classes javac wrote through an
 *       in-memory class loader; a failed compilation prints every diagnostic and generated source.
 *   <li>{@link dev.cotangent.processor.testing.FunctionGroup} puts many functions in one class,
 *       compiled once; if the class does not compile, each function is compiled alone so only the
 *       tests of the offending function fail.
 *   <li>{@link dev.cotangent.processor.testing.DifferentiableMethod} is the reflective view of one
 *       method and its companions (value-and-gradient, pullback, holder, tangent), checking their
 *       shape against the contract.
 *   <li>{@link dev.cotangent.processor.testing.GradientCheck#checkAll()} checks every companion at
 *       seeded random points against central differences with Richardson extrapolation ({@link
 *       dev.cotangent.processor.testing.Numerics}) and against each other (dot-product test,
 *       pullback accumulation, bit-for-bit values, {@code clear()}). Array parameters ({@code
 *       double[]}, {@code double[][]}, {@code int[]}) are copied for every call; their elements are
 *       {@link dev.cotangent.processor.testing.Coordinates}; the caller's arrays after each companion
 *       must equal those after the original, and tangent arrays must end as the tangent of the
 *       arrays' final contents.
 * </ul>
 *
 * <p>{@code -Dcotangent.referenceOnly=true} compiles without the processor and only validates the
 * numerical references at the chosen points; those tests are then reported as skipped.
 */
package dev.cotangent.processor.testing;
