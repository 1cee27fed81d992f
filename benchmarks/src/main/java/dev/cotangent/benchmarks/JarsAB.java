package dev.cotangent.benchmarks;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A same-JVM A/B of two (or more) builds of this module: each benchmarks jar in its own class
 * loader, {@link GmmFixture}'s methods of every jar in rotation (rounds of 30 calls at d=10, 3
 * otherwise, after as many rounds to warm up), median µs per method and its ratio to the same
 * jar's primal. Under load this compares versions better than separate JVMs, whose speed differs.
 *
 * <pre>
 * java -Xms2g -Xmx8g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     dev.cotangent.benchmarks.JarsAB D ROUNDS primal,cotangent,cotangentNew OLD.jar NEW.jar
 * </pre>
 */
public final class JarsAB {
  private JarsAB() {}

  public static void main(String[] a) throws Exception {
    int d = Integer.parseInt(a[0]);
    int rounds = Integer.parseInt(a[1]);
    String[] methods = a[2].split(",");
    List<String> jars = Arrays.asList(a).subList(3, a.length);
    List<Object> fixtures = new ArrayList<>();
    List<Map<String, Method>> ms = new ArrayList<>();
    for (String jar : jars) {
      ClassLoader l = new URLClassLoader(new URL[] {Paths.get(jar).toUri().toURL()}, null);
      Class<?> c = l.loadClass("dev.cotangent.benchmarks.GmmFixture");
      Constructor<?> k = c.getDeclaredConstructor(int.class, int.class, int.class);
      k.setAccessible(true);
      fixtures.add(k.newInstance(d, 25, 1000));
      Map<String, Method> m = new LinkedHashMap<>();
      for (String name : methods) {
        Method x = c.getDeclaredMethod(name);
        x.setAccessible(true);
        m.put(name, x);
      }
      ms.add(m);
    }
    Map<String, List<Double>> t = new LinkedHashMap<>();
    int calls = d == 10 ? 30 : 3;
    for (int r = 0; r < 2 * rounds; r++) {
      for (int j = 0; j < jars.size(); j++) {
        for (String name : methods) {
          Method x = ms.get(j).get(name);
          long s = System.nanoTime();
          for (int c = 0; c < calls; c++) x.invoke(fixtures.get(j));
          double us = (System.nanoTime() - s) / 1e3 / calls;
          if (r >= rounds) t.computeIfAbsent(j + ":" + name, q -> new ArrayList<>()).add(us);
        }
      }
    }
    Map<String, Double> med = new LinkedHashMap<>();
    t.forEach((k, v) -> { Collections.sort(v); med.put(k, v.get(v.size() / 2)); });
    for (int j = 0; j < jars.size(); j++) {
      StringBuilder line = new StringBuilder("jar " + j + " (" + Paths.get(jars.get(j)).getFileName() + "):");
      double p = med.get(j + ":primal");
      line.append(String.format(Locale.ROOT, " primal %.0f us", p));
      for (String name : methods) if (!name.equals("primal")) line.append(String.format(Locale.ROOT, "  %s %.0f us (%.2f)", name, med.get(j + ":" + name), med.get(j + ":" + name) / p));
      System.out.println(line);
    }
  }
}
