/**
 * Records of numbers as differentiable values (scalar-replaced while the body is read): locals,
 * constructors, accessors and methods, checked against central differences, the dot test and
 * the pullback contract ({@link dev.cotangent.processor.testing.GradientCheck}).
 */
package dev.cotangent.processor.records;
