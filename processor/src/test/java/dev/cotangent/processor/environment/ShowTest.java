package dev.cotangent.processor.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.Show;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --show command prints the companions of a source file, and the errors of a bad one. */
class ShowTest {
  @TempDir Path dir;

  @Test
  void printsTheCompanions() throws Exception {
    Path file = dir.resolve("Model.java");
    Files.writeString(file, """
        import dev.cotangent.Differentiable;
        public class Model {
          @Differentiable
          public static double f(double x) { return x * x; }
        }
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Show.run(new String[] {"--show", file.toString()}, print(out), print(err));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, err::toString);
    assertTrue(text.contains("// ===== ModelAdjoint.java"), text);
    assertTrue(text.contains("// ===== ModelTangent.java"), text);
    assertTrue(text.contains("xBar = 2 * x * resultBar;"), text);
  }

  @Test
  void reportsErrorsOnTheirLine() throws Exception {
    Path file = dir.resolve("Bad.java");
    Files.writeString(file, """
        import dev.cotangent.Differentiable;
        public class Bad {
          @Differentiable
          public static double f(double x) {
            return Math.random() * x;
          }
        }
        """);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Show.run(new String[] {file.toString()}, print(new ByteArrayOutputStream()),
        print(err));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, status);
    assertTrue(text.contains("Bad.java:5: error: [COTANGENT-CALL]"), text);
  }

  @Test
  void saysSoWhenThereIsNothingToDifferentiate() throws Exception {
    Path file = dir.resolve("Plain.java");
    Files.writeString(file, """
        public class Plain {
          public static double f(double x) { return x * x; }
        }
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Show.run(new String[] {"--show", file.toString()}, print(out), print(err));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(text.startsWith("nothing generated: no @Differentiable method in "), text);
    assertTrue(text.contains("Plain.java"), text);
  }

  @Test
  void explainsItsUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, Show.run(new String[0], print(new ByteArrayOutputStream()), print(err)));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: --show"));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
