package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * A companion too large for one JVM method ({@link Splitting}), written as a <em>frame</em>: a
 * private nested class ({@code FFrame} for {@code f}) whose fields hold the method's state and
 * whose methods run it. The companion itself only copies its arguments into a new frame and calls
 * the frame's main method ({@code pullback()} or {@code tangent()}); that method has the code the
 * companion would have had, except that each statement list of the sweeps is cut into parts of at
 * most {@link Splitting#partSize} bytes, each a method of its own ({@code forward1()}, {@code
 * reverse1()}, ...). A statement larger than a part (a loop, an {@code if}, a block) stays in the
 * main method with its bodies cut the same way, so a long loop body runs as calls of parts.
 *
 * <p><b>What crosses a part boundary, and why the code means the same.</b> The parts are
 * consecutive statements of one list, so they run in the original order, each from its start to
 * its end (the structured core has no jumps). Every variable that more than one method uses,
 * every variable the main method uses (the parameters, the seed, the holder, the adjoints and
 * hoisted locals it declares, the conditions of the loops and branches it keeps) and the tape
 * (the {@code Tape}, its double and int stacks and their tops) is a field of the frame: one
 * storage location for the whole call, as the local was. A part loads the fields it uses into
 * locals of the same names when it starts and stores those it assigns (or declares at its top
 * level) when it ends; a variable only one part uses stays a local of that part. So every read
 * sees the last value written, and nothing else changes: array variables are references (a part
 * writes the caller's elements), the tape's stacks and tops go through the fields, and the frame
 * is new for every call (its fields start at the default values the prologue would have
 * declared, and the companion stays reentrant).
 */
final class FramedBody {
  /** Loading a field into a local and storing it back: {@code aload_0 getfield} then a store. */
  private static final int LOAD_STORE = 16;
  private static final ClassName TAPE = ClassName.get("dev.cotangent.runtime", "Tape");

  /** A list of statements, cut: parts, statements kept in the main method, comments. */
  private interface Piece {}

  private record Note(String text) implements Piece {}

  private record Opened(Stmt statement, List<List<Piece>> bodies) implements Piece {}

  private static final class Part implements Piece {
    final String name;
    final String label;
    final List<Stmt> statements;
    final Set<Variable> used = new LinkedHashSet<>();
    final Set<Variable> declaredTop = new LinkedHashSet<>();
    final Set<Variable> declaredNested = new LinkedHashSet<>();
    final Set<Variable> assigned = new LinkedHashSet<>();

    Part(String name, String label, List<Stmt> statements) {
      this.name = name;
      this.label = label;
      this.statements = statements;
      scan(statements, true);
    }

    private void scan(List<Stmt> list, boolean top) {
      for (Stmt s : list) {
        if (s instanceof Stmt.Declare d) {
          (top ? declaredTop : declaredNested).add(d.variable());
          used.add(d.variable());
        } else if (s instanceof Stmt.Assign a) {
          assigned.add(a.variable());
          used.add(a.variable());
        } else if (s instanceof Stmt.Repeat r) {
          declaredNested.add(r.counter());
          used.add(r.counter());
        }
        for (var e : dev.cotangent.processor.ir.Subexpressions.ofStatement(s)) {
          used.addAll(dev.cotangent.processor.analyse.Variables.in(e));
        }
        if (s instanceof Stmt.For f) { // (its condition is no subexpression of the statement)
          used.addAll(dev.cotangent.processor.analyse.Variables.in(f.condition()));
        }
        for (List<Stmt> child : Children.of(s)) {
          scan(child, false);
        }
      }
    }
  }

  private final ClassName frame;
  private final Namer namer;
  private final TapeLocals tape;
  private final int partSize;
  private final Map<String, List<Piece>> plans = new LinkedHashMap<>();
  private final Map<String, String> prefixes = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final List<Part> parts = new ArrayList<>();
  private final Set<Variable> kept = new LinkedHashSet<>();
  private final Set<Variable> shared = new LinkedHashSet<>();
  private final Map<String, TypeName> fields = new LinkedHashMap<>();
  private int keptSize;

  /**
   * Cuts {@code sweeps} (label, e.g. "forward sweep", to its statements) into parts named
   * {@code prefix + n}; {@code specials} are the variables the main method's own code uses.
   */
  FramedBody(ClassName frame, Namer namer, TapeLocals tape, Splitting splitting,
      Map<String, List<Stmt>> sweeps, Map<String, String> prefixes,
      Collection<Variable> specials) {
    this.frame = frame;
    this.namer = namer;
    this.tape = tape;
    this.partSize = splitting.partSize();
    this.prefixes.putAll(prefixes);
    sweeps.forEach((label, statements) -> plans.put(label, plan(label, statements)));
    shared.addAll(specials);
    shared.addAll(kept);
    Map<Variable, Integer> partsUsing = new HashMap<>();
    for (Part part : parts) {
      for (Variable v : part.used) {
        if (partsUsing.merge(v, 1, Integer::sum) == 2) {
          shared.add(v);
        }
      }
    }
    for (Variable v : shared) {
      fields.put(namer.name(v), StatementWriter.typeOf(v));
    }
  }

  /** {@code FFrame} for the holder {@code FGradient}: holders end in Gradient, frames in Frame. */
  static String name(ClassName holder) {
    String name = holder.simpleName();
    return name.substring(0, name.length() - "Gradient".length()) + "Frame";
  }

  /** A field for a name the main method uses that is no IR variable: the seed, the holder. */
  void field(String name, TypeName type) {
    fields.putIfAbsent(name, type);
  }

  /** The tape's fields, for the stacks the main method sets up. */
  void tapeFields(boolean doubles, boolean ints) {
    field(tape.tape(), TAPE);
    if (doubles) {
      field(tape.doubles(), TypeName.get(double[].class));
      field(tape.doubleTop(), TypeName.INT);
    }
    if (ints) {
      field(tape.ints(), TypeName.get(int[].class));
      field(tape.intTop(), TypeName.INT);
    }
  }

  /** {@code name = init}: the main method's declarations set fields. */
  void declare(CodeBlock.Builder out, String name, CodeBlock init) {
    out.addStatement("$N = $L", name, init);
  }

  /** The bound on the largest part's code, loads and stores included. */
  int largestPart() {
    int largest = 0;
    for (Part part : parts) {
      largest = Math.max(largest, size(part));
    }
    return largest;
  }

  /** The bound on the code the main method keeps of the sweeps: headers and calls of parts. */
  int keptSize() {
    return keptSize;
  }

  private int size(Part part) {
    int loads = (int) part.used.stream().filter(shared::contains).count();
    return BytecodeSize.of(part.statements) + LOAD_STORE * (loads + 5);
  }

  /** Writes the sweep {@code label} into the main method: its kept statements and part calls. */
  void write(String label, CodeBlock.Builder out) {
    pieces(plans.get(label), out);
  }

  /**
   * The companion itself: a new frame, the arguments copied into it, and its main method {@code
   * run} called.
   */
  MethodSpec wrapper(MethodSpec.Builder signature, List<String> arguments, String run,
      int estimate, String what) {
    String local = namer.fresh("frame", false);
    CodeBlock.Builder code = CodeBlock.builder()
        .add("// This $L would be too large for one method of the JVM (its code is bounded at"
            + " $L bytes;\n// a method may have 65,535): $T runs it in parts of at most $L"
            + " bytes.\n", what, String.format(java.util.Locale.ROOT, "%,d", estimate), frame,
            String.format(java.util.Locale.ROOT, "%,d", partSize))
        .addStatement("$T $N = new $T()", frame, local, frame);
    for (String argument : arguments) {
      code.addStatement("$N.$N = $N", local, argument, argument);
    }
    MethodSpec probe = signature.build();
    if (probe.returnType().equals(TypeName.VOID)) {
      code.addStatement("$N.$N()", local, run);
    } else {
      code.addStatement("return $N.$N()", local, run);
    }
    return signature.addCode(code.build()).build();
  }

  /** The frame class: its fields, the main method {@code run} and the parts. */
  TypeSpec type(MethodSpec run, String companion) {
    TypeSpec.Builder type = TypeSpec.classBuilder(frame)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The state of $L, whose code is too large for one JVM method: its"
            + " variables are fields, and its statements run in the parts below.\n", companion);
    List<MethodSpec> methods = new ArrayList<>();
    for (Part part : parts) {
      methods.add(method(part)); // (may add tape fields)
    }
    fields.forEach((name, typeName) -> type.addField(FieldSpec.builder(typeName, name).build()));
    type.addMethod(run);
    methods.forEach(type::addMethod);
    return type.build();
  }

  private MethodSpec method(Part part) {
    CodeBlock.Builder code = CodeBlock.builder();
    Set<Variable> declared = new LinkedHashSet<>(part.declaredTop);
    declared.addAll(part.declaredNested);
    List<Variable> stored = new ArrayList<>();
    for (Variable v : part.used) {
      if (!shared.contains(v)) {
        continue;
      }
      if (!declared.contains(v)) {
        code.addStatement("$T $N = this.$N", StatementWriter.typeOf(v), namer.name(v),
            namer.name(v));
      }
      if (part.declaredTop.contains(v)
          || part.assigned.contains(v) && !part.declaredNested.contains(v)) {
        stored.add(v);
      }
    }
    List<String> stacks = tapeLocals(part.statements);
    for (String name : stacks) {
      field(name, tapeType(name));
      code.addStatement("$T $N = this.$N", tapeType(name), name, name);
    }
    new StatementWriter(namer, tape).write(part.statements, code);
    if (!dev.cotangent.processor.ir.Reachability.completesNormally(part.statements)) {
      // it always throws (a guard clause): nothing to store, and javac rejects dead code
      return MethodSpec.methodBuilder(part.name)
          .addJavadoc("Part $L of the $L.\n", part.name.replaceAll("\\D", ""), part.label)
          .addCode(code.build()).build();
    }
    for (Variable v : stored) {
      code.addStatement("this.$N = $N", namer.name(v), namer.name(v));
    }
    for (String name : stacks) {
      if (!name.equals(tape.tape())) {
        code.addStatement("this.$N = $N", name, name);
      }
    }
    return MethodSpec.methodBuilder(part.name)
        .addJavadoc("Part $L of the $L.\n", part.name.replaceAll("\\D", ""), part.label)
        .addCode(code.build()).build();
  }

  private TypeName tapeType(String name) {
    if (name.equals(tape.tape())) {
      return TAPE;
    }
    if (name.equals(tape.doubles())) {
      return TypeName.get(double[].class);
    }
    return name.equals(tape.ints()) ? TypeName.get(int[].class) : TypeName.INT;
  }

  /** The tape's locals the statements use: the tape, and each stack with its top. */
  private List<String> tapeLocals(List<Stmt> statements) {
    List<String> out = new ArrayList<>();
    Set<TapeLocals.Stack> touched = TapeLocals.touched(statements);
    if (touched.contains(TapeLocals.Stack.TAPE)) {
      out.add(tape.tape());
    }
    if (touched.contains(TapeLocals.Stack.DOUBLES)) {
      out.add(tape.doubles());
      out.add(tape.doubleTop());
    }
    if (touched.contains(TapeLocals.Stack.INTS)) {
      out.add(tape.ints());
      out.add(tape.intTop());
    }
    return out;
  }

  private List<Piece> plan(String label, List<Stmt> statements) {
    List<Piece> pieces = new ArrayList<>();
    List<Stmt> chunk = new ArrayList<>();
    Set<Variable> variables = new LinkedHashSet<>();
    int size = 0;
    for (Stmt s : statements) {
      int own = BytecodeSize.of(s);
      if (own > partSize && opens(s)) {
        List<Stmt> comments = trailingComments(chunk);
        flush(label, chunk, pieces);
        comments.forEach(c -> pieces.add(new Note(((Stmt.Comment) c).text())));
        pieces.add(open(label, s));
        chunk = new ArrayList<>();
        variables.clear();
        size = 0;
        continue;
      }
      Set<Variable> used = new Part("", "", List.of(s)).used;
      int cost = own + LOAD_STORE * (int) used.stream().filter(v -> !variables.contains(v)).count();
      if (!chunk.isEmpty() && size + cost > partSize && !(s instanceof Stmt.Comment)) {
        List<Stmt> comments = trailingComments(chunk);
        flush(label, chunk, pieces);
        chunk = new ArrayList<>(comments);
        variables.clear();
        size = 0;
        cost = own + LOAD_STORE * used.size();
      }
      chunk.add(s);
      variables.addAll(used);
      size += cost;
    }
    flush(label, chunk, pieces);
    return pieces;
  }

  /**
   * Whether the main method keeps {@code s} with its bodies in parts: an {@code if}, a {@code
   * while}, a {@code Repeat}, a block (a generated {@code for} over lanes is one part).
   */
  static boolean opens(Stmt s) {
    return s instanceof Stmt.If || s instanceof Stmt.While || s instanceof Stmt.Repeat
        || s instanceof Stmt.Block;
  }

  private static List<Stmt> trailingComments(List<Stmt> chunk) {
    int k = chunk.size();
    while (k > 0 && chunk.get(k - 1) instanceof Stmt.Comment) {
      k--;
    }
    List<Stmt> comments = new ArrayList<>(chunk.subList(k, chunk.size()));
    chunk.subList(k, chunk.size()).clear();
    return comments;
  }

  private void flush(String label, List<Stmt> chunk, List<Piece> pieces) {
    if (chunk.stream().allMatch(s -> s instanceof Stmt.Comment)) {
      chunk.forEach(c -> pieces.add(new Note(((Stmt.Comment) c).text())));
      return;
    }
    String prefix = prefixes.get(label);
    int n = counters.merge(prefix, 1, Integer::sum);
    Part part = new Part(prefix + n, label, List.copyOf(chunk));
    parts.add(part);
    pieces.add(part);
    keptSize += 4;
  }

  private Opened open(String label, Stmt s) {
    List<List<Piece>> bodies = new ArrayList<>();
    for (List<Stmt> child : Children.of(s)) {
      bodies.add(plan(label, child));
    }
    for (var e : dev.cotangent.processor.ir.Subexpressions.ofStatement(s)) {
      kept.addAll(dev.cotangent.processor.analyse.Variables.in(e));
    }
    if (s instanceof Stmt.Repeat r) {
      kept.add(r.counter());
    }
    keptSize += BytecodeSize.of(s) - Children.of(s).stream().mapToInt(BytecodeSize::of).sum();
    return new Opened(s, bodies);
  }

  private void pieces(List<Piece> pieces, CodeBlock.Builder out) {
    ExpressionWriter expressions = new ExpressionWriter(namer, tape);
    for (Piece piece : pieces) {
      if (piece instanceof Note note) {
        out.add("// $L\n", note.text());
      } else if (piece instanceof Part part) {
        out.addStatement("$N()", part.name);
      } else {
        kept((Opened) piece, expressions, out);
      }
    }
  }

  /** A statement the main method keeps, its bodies cut into parts ({@code else if} flat). */
  private void kept(Opened opened, ExpressionWriter expressions, CodeBlock.Builder out) {
    Stmt s = opened.statement();
    List<List<Piece>> bodies = opened.bodies();
    if (s instanceof Stmt.If i) {
      out.beginControlFlow("if ($L)", expressions.write(i.condition()));
      pieces(bodies.get(0), out);
      List<Piece> otherwise = bodies.get(1);
      while (otherwise.size() == 1 && otherwise.get(0) instanceof Opened next
          && next.statement() instanceof Stmt.If nested) {
        out.nextControlFlow("else if ($L)", expressions.write(nested.condition()));
        pieces(next.bodies().get(0), out);
        otherwise = next.bodies().get(1);
      }
      if (!otherwise.isEmpty()) {
        out.nextControlFlow("else");
        pieces(otherwise, out);
      }
      out.endControlFlow();
    } else if (s instanceof Stmt.While w) {
      out.beginControlFlow("while ($L)", expressions.write(w.condition()));
      pieces(bodies.get(0), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.Repeat r) {
      String counter = namer.name(r.counter());
      out.beginControlFlow("for ($N = $L; $N > 0; $N--)", counter, expressions.write(r.times()),
          counter, counter);
      pieces(bodies.get(0), out);
      out.endControlFlow();
    } else {
      out.add("{\n").indent();
      pieces(bodies.get(0), out);
      out.unindent().add("}\n");
    }
  }
}
