package dev.cotangent.processor.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Readability regressions: the generated companions of representative methods (Particle: records,
 * a Vec3 particle under drag) must stay
 * exactly as reviewed in {@code src/test/resources/golden/*.adjoint.txt} and {@code *.tangent.txt}.
 * After an intended change, regenerate them with {@code -Dcotangent.golden.update=true} and
 * review the diff.
 */
class GoldenSourceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Horner", "Flight", "Guard", "Loss", "Checkpointed", "Particle"})
  void generatedSourceMatchesGolden(String name) throws IOException {
    JavaFileObject source = JavaFileObjects.forSourceString("golden." + name, read(name + ".java"));
    Compilation compilation =
        Compiler.javac().withProcessors(new CotangentProcessor()).compile(source);
    assertEquals(Compilation.Status.SUCCESS, compilation.status(),
        () -> compilation.diagnostics().toString());
    compare(compilation, "golden." + name + "Adjoint", name + ".adjoint.txt");
    compare(compilation, "golden." + name + "Tangent", name + ".tangent.txt");
  }

  private static void compare(Compilation compilation, String className, String golden)
      throws IOException {
    Optional<JavaFileObject> generated = compilation.generatedSourceFile(className);
    assertTrue(generated.isPresent(), "no " + className + " generated");
    String actual = generated.get().getCharContent(true).toString();
    if (Boolean.getBoolean("cotangent.golden.update")) {
      Path path = Path.of("src/test/resources/golden", golden);
      Files.writeString(path, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(read(golden), actual, "generated " + className + " differs from " + golden);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = GoldenSourceTest.class.getResourceAsStream("/golden/" + resource)) {
      if (in == null) {
        throw new IOException("missing golden resource " + resource
            + "; run with -Dcotangent.golden.update=true to create it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
