package dev.cotangent.processor.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import dev.cotangent.Differentiable;
import dev.cotangent.processor.CotangentProcessor;
import dev.cotangent.runtime.Tape;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small project compiled with plain {@code javac -processorpath}, the mechanism Gradle's
 * {@code annotationProcessor} configuration uses (and the only one JDK 23+ runs by default).
 */
class ProcessorPathTest {
  @TempDir Path dir;

  @Test
  void plainJavacWithProcessorPathGeneratesAndCompilesCompanions() throws Exception {
    Path source = dir.resolve("src/demo/Flight.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package demo;
        import dev.cotangent.Differentiable;
        public class Flight {
          @Differentiable
          public static double range(double angle, double speed) {
            return speed * speed * Math.sin(2 * angle) / 9.81;
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    String processorPath = String.join(File.pathSeparator,
        location(CotangentProcessor.class), location(ClassName.class));
    String classPath = String.join(File.pathSeparator,
        location(Differentiable.class), location(Tape.class));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "-processorpath", processorPath,
        "-cp", classPath, "-d", classes.toString(), "-s", generated.toString(),
        source.toString());
    assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(generated.resolve("demo/FlightAdjoint.java")));
    assertTrue(Files.exists(classes.resolve("demo/FlightAdjoint.class")));
    assertTrue(Files.exists(classes.resolve("demo/FlightTangent.class")));
    List<String> adjoint = Files.readAllLines(generated.resolve("demo/FlightAdjoint.java"));
    assertTrue(adjoint.stream().anyMatch(line -> line.contains("angleBar")), adjoint::toString);
  }

  @Test
  void aProcessorPathWithoutJavaPoetGivesOneClearError() throws Exception {
    Path source = dir.resolve("src/demo/Flight.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package demo;
        import dev.cotangent.Differentiable;
        public class Flight {
          @Differentiable
          public static double range(double angle, double speed) {
            return speed * speed * Math.sin(2 * angle) / 9.81;
          }
          @Differentiable
          public static double height(double angle, double speed) {
            double vy = speed * Math.sin(angle);
            return vy * vy / (2 * 9.81);
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    String classPath = String.join(File.pathSeparator,
        location(Differentiable.class), location(Tape.class));
    // A javac process of its own: in this JVM the processor path's class loader would find
    // JavaPoet through its parent, the class path of the tests.
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    Process process = new ProcessBuilder(javac.toString(), "-processorpath",
        location(CotangentProcessor.class), "-cp", classPath, "-d", classes.toString(), "-s",
        generated.toString(), source.toString()).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    assertEquals(1, status, text);
    assertEquals(1, text.split("\\[COTANGENT-MISSING-DEPENDENCY]", -1).length - 1, text);
    assertTrue(text.contains("JavaPoet (com.palantir.javapoet:javapoet"), text);
    assertTrue(text.contains("-standalone.jar on the processor path"), text);
    assertTrue(!text.contains("NoClassDefFoundError") && !text.contains("uncaught"), text);
    assertTrue(text.contains("1 error"), text);
    assertTrue(!Files.exists(generated.resolve("demo/FlightAdjoint.java")));
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
