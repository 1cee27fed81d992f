package dev.cotangent.processor.lower;

import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/**
 * A method in the structured core: only declarations, assignments, {@code if} and {@code while}.
 * The method's value is in {@code result} when {@code body} completes.
 */
public record LoweredMethod(MethodIR source, List<Stmt> body, Variable result) {}
