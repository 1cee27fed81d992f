package dev.cotangent.processor.differentiate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@link PassEquivalence} checked and found, summed over threads (every method locks). */
final class PassTally {
  final Map<String, Integer> steps = new TreeMap<>();
  final Map<String, Integer> exercised = new TreeMap<>();
  final Map<String, Integer> skipped = new TreeMap<>();
  final Map<String, Integer> interpreted = new TreeMap<>();
  final List<String> failures = new ArrayList<>();
  private final Map<String, List<String>> validations = new LinkedHashMap<>();
  private final Map<String, String> validationMethods = new LinkedHashMap<>();
  int programs;
  long runs;
  int points;
  int throwingPoints;

  synchronized void program() {
    programs++;
  }

  synchronized void step(String label) {
    steps.merge(label, 1, Integer::sum);
  }

  /** A step that changed the code, compared at a point where the original returns. */
  synchronized void exercised(String label) {
    exercised.merge(label, 1, Integer::sum);
  }

  synchronized void skipped(String mode, String why) {
    skipped.merge(mode + ": " + why, 1, Integer::sum);
  }

  synchronized void interpreted(String mode) {
    interpreted.merge(mode, 1, Integer::sum);
  }

  synchronized void run() {
    runs++;
  }

  /** A point checked; {@code throwing}: the original throws there (so must every version). */
  synchronized void point(boolean throwing) {
    points++;
    throwingPoints += throwing ? 1 : 0;
  }

  synchronized void fail(String method, String what) {
    failures.add(method + ": " + what);
  }

  /** One observation of a method against its compiled companion: null when they agree. */
  synchronized void validation(String key, String method, String difference) {
    validations.computeIfAbsent(key, k -> new ArrayList<>()).add(difference);
    validationMethods.put(key, method);
  }

  /** The methods none of whose observations agreed with the compiled companion. */
  synchronized List<String> validationFailures() {
    List<String> out = new ArrayList<>();
    validations.forEach((key, differences) -> {
      if (!differences.contains(null)) {
        out.add(validationMethods.get(key) + ": the interpreter and the compiled companion"
            + " differ: " + differences.get(0));
      }
    });
    return out;
  }

  synchronized int validatedMethods() {
    return (int) validations.values().stream().filter(d -> d.contains(null)).count();
  }

  /** Exercised steps per pass name, both modes and every sweep together. */
  synchronized Map<String, Integer> exercisedByPass() {
    Map<String, Integer> out = new TreeMap<>();
    exercised.forEach((label, n) -> out.merge(PassEquivalence.passOf(label), n, Integer::sum));
    return out;
  }

  synchronized String summary(double seconds) {
    int skips = skipped.values().stream().mapToInt(Integer::intValue).sum();
    int done = interpreted.values().stream().mapToInt(Integer::intValue).sum();
    int changed = exercised.values().stream().mapToInt(Integer::intValue).sum();
    int total = steps.values().stream().mapToInt(Integer::intValue).sum();
    return String.format(Locale.ROOT, "%d programs in %.1f s: %d pullbacks and tangents"
        + " interpreted %s, %d skipped %s; %d pass runs, %d changed the code (by pass: %s);"
        + " %d points (the original throws at %d), %d interpreted runs; %d methods checked"
        + " against their compiled companions; %d failure(s)", programs, seconds, done,
        interpreted, skips, skipped, total, changed, exercised, points, throwingPoints, runs,
        validatedMethods(),
        failures.size() + validationFailures().size());
  }
}
