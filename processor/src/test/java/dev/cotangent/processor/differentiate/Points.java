package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.CompanionRuns.Outcome;
import dev.cotangent.processor.differentiate.CompanionRuns.Point;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random points for {@link PassEquivalence}, drawn as {@code random/RandomPrograms} draws its
 * arguments: doubles (and floats) uniform in [-1.5, 1.5), ints and longs in 0..4, arrays of 2 to 4
 * such doubles ({@code int[]} of 0s and 1s, matrices of 2 or 3 such rows). The holder starts at
 * such values too (a pullback adds into it), seeds are in [0.5, 1.5), and each tangent has the
 * shape of its argument.
 */
final class Points {
  private Points() {}

  static Point random(MethodIR ir, Random random, Linkage linkage) {
    List<Variable> parameters = ir.parameters();
    Object[] args = new Object[parameters.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = value(parameters.get(i).type(), random);
    }
    RecordArguments.equalLengths(ir, args); // an array of records: its leaf arrays' one length
    List<Object> holder = new ArrayList<>();
    List<Object> dots = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      Variable p = parameters.get(i);
      if (p.isDifferentiableParameter()) {
        holder.add(like(args[i], p.type(), random));
        dots.add(like(args[i], p.type(), random));
      }
    }
    Object seed;
    if (ir.isVectorValued()) {
      Outcome primal = CompanionRuns.original(linkage, ir,
          new Point(args, new Object[0], null, new Object[0]));
      int length = primal.thrown() == null ? ((double[]) primal.value()).length : 1;
      double[] seeds = new double[length];
      for (int k = 0; k < length; k++) {
        seeds[k] = 0.5 + random.nextDouble();
      }
      seed = seeds;
    } else {
      seed = JavaArithmetic.convert(0.5 + random.nextDouble(), ir.returnType());
    }
    return new Point(args, holder.toArray(), seed, dots.toArray());
  }

  private static Object value(Type type, Random random) {
    return switch (type) {
      case DOUBLE -> real(random);
      case FLOAT -> (float) real(random);
      case INT -> random.nextInt(5);
      case LONG -> (long) random.nextInt(5);
      case BOOLEAN -> random.nextBoolean();
      case DOUBLE_ARRAY -> reals(2 + random.nextInt(3), random);
      case FLOAT_ARRAY -> floats(reals(2 + random.nextInt(3), random));
      case INT_ARRAY -> {
        int[] a = new int[2 + random.nextInt(3)];
        for (int k = 0; k < a.length; k++) {
          a[k] = random.nextInt(2);
        }
        yield a;
      }
      case DOUBLE_MATRIX, FLOAT_MATRIX -> {
        int columns = 2 + random.nextInt(3);
        Object[] rows = type == Type.DOUBLE_MATRIX ? new double[2 + random.nextInt(2)][]
            : new float[2 + random.nextInt(2)][];
        for (int k = 0; k < rows.length; k++) {
          double[] row = reals(columns, random);
          rows[k] = type == Type.DOUBLE_MATRIX ? row : floats(row);
        }
        yield rows;
      }
      case CHAR -> (char) ('a' + random.nextInt(3));
      case BYTE -> (byte) random.nextInt(5);
      case SHORT -> (short) random.nextInt(5);
      case CHAR_ARRAY, BYTE_ARRAY, SHORT_ARRAY -> {
        Object a = java.lang.reflect.Array.newInstance(
            SweepInterpreter.javaClass(type.element()), 2 + random.nextInt(3));
        for (int k = 0; k < java.lang.reflect.Array.getLength(a); k++) {
          java.lang.reflect.Array.set(a, k, JavaArithmetic.convert(random.nextInt(2), type.element()));
        }
        yield a;
      }
      case INT_MATRIX -> {
        int[][] m = new int[2 + random.nextInt(2)][2];
        for (int[] row : m) {
          row[0] = random.nextInt(2);
          row[1] = random.nextInt(2);
        }
        yield m;
      }
      case STRING -> String.valueOf((char) ('a' + random.nextInt(3)));
      case ENUM, VOID, OBJECT -> throw new IllegalArgumentException("no random " + type);
    };
  }

  /** A random value of the shape of {@code arg}. */
  private static Object like(Object arg, Type type, Random random) {
    if (arg instanceof double[] a) {
      return reals(a.length, random);
    } else if (arg instanceof float[] a) {
      return floats(reals(a.length, random));
    } else if (arg instanceof double[][] m) {
      double[][] out = new double[m.length][];
      for (int k = 0; k < m.length; k++) {
        out[k] = reals(m[k].length, random);
      }
      return out;
    } else if (arg instanceof float[][] m) {
      float[][] out = new float[m.length][];
      for (int k = 0; k < m.length; k++) {
        out[k] = floats(reals(m[k].length, random));
      }
      return out;
    }
    return value(type, random);
  }

  private static double real(Random random) {
    return -1.5 + 3 * random.nextDouble();
  }

  private static double[] reals(int length, Random random) {
    double[] a = new double[length];
    for (int k = 0; k < length; k++) {
      a[k] = real(random);
    }
    return a;
  }

  private static float[] floats(double[] values) {
    float[] a = new float[values.length];
    for (int k = 0; k < a.length; k++) {
      a[k] = (float) values[k];
    }
    return a;
  }
}
