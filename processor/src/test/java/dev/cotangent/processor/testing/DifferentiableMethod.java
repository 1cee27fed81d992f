package dev.cotangent.processor.testing;

import dev.cotangent.runtime.Dual;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code @Differentiable} method {@code p.C.f} and its generated companions: the value-and-gradient
 * and pullback overloads in {@code p.CAdjoint}, the gradient holder {@code p.CAdjoint.FGradient}
 * and the forward-mode {@code p.CTangent.f}.
 *
 * <p>{@code @NoDerivative} has CLASS retention, so which parameters are differentiable is read from
 * the holder's fields (every public double, double[] or double[][] field but {@code value}); a caller
 * that knows the answer passes it and the resolution checks it. Holders of methods with
 * differentiable arrays are constructed with those arrays as shape templates ({@link
 * #newHolder(Object[])}); gradients and tangents can be handled as flat {@link Coordinates}.
 */
public final class DifferentiableMethod {
  private final String className;
  private final Method original;
  private final String[] names;
  private final Class<?>[] types;
  private final int[] differentiable;
  private final Class<?> holder;
  private final Constructor<?> holderConstructor;
  private final Field valueField;
  private final Field[] gradientFields;
  private final Method clear;
  private final Method gradient;
  private final Method pullback;
  private final Method tangent;
  private final List<String> contractProblems;

  private DifferentiableMethod(
      String className,
      Method original,
      int[] differentiable,
      Class<?> holder,
      Constructor<?> holderConstructor,
      Field valueField,
      Field[] gradientFields,
      Method clear,
      Method gradient,
      Method pullback,
      Method tangent,
      List<String> contractProblems) {
    this.className = className;
    this.original = original;
    this.names = parameterNames(original);
    this.types = original.getParameterTypes();
    this.differentiable = differentiable;
    this.holder = holder;
    this.holderConstructor = holderConstructor;
    this.valueField = valueField;
    this.gradientFields = gradientFields;
    this.clear = clear;
    this.gradient = gradient;
    this.pullback = pullback;
    this.tangent = tangent;
    this.contractProblems = List.copyOf(contractProblems);
  }

  // ---------------------------------------------------------------- resolution

  /** Finds the original static method; {@code parameterTypes} null means "the only one so named". */
  static Method findOriginal(
      CompiledSources sources, String className, String methodName, Class<?>[] parameterTypes) {
    Class<?> owner = sources.load(className);
    Method found = null;
    if (parameterTypes != null) {
      try {
        found = owner.getDeclaredMethod(methodName, parameterTypes);
      } catch (NoSuchMethodException e) {
        throw new AssertionError(
            "no method " + className + "." + methodName + Arrays.toString(parameterTypes), e);
      }
    } else {
      for (Method m : owner.getDeclaredMethods()) {
        if (m.getName().equals(methodName) && !m.isSynthetic()) {
          if (found != null) {
            throw new AssertionError(
                className + "." + methodName + " is overloaded: give the parameter types");
          }
          found = m;
        }
      }
      if (found == null) {
        throw new AssertionError("no method " + className + "." + methodName);
      }
    }
    if (!Modifier.isStatic(found.getModifiers())) {
      throw new AssertionError(describe(className, found) + " is not static");
    }
    if (found.getReturnType() != double.class) {
      throw new AssertionError(describe(className, found) + " does not return double");
    }
    found.setAccessible(true);
    return found;
  }

  /**
   * Resolves the method and its companions, checking the structure the contract prescribes.
   * Deviations that do not stop the companions from being called (modifiers, access, names) are
   * collected in {@link #contractProblems()}; missing pieces throw.
   *
   * @param expectedDifferentiable the parameter names the test says are differentiable, or null
   */
  static DifferentiableMethod resolve(
      CompiledSources sources,
      String className,
      String methodName,
      Class<?>[] parameterTypes,
      List<String> expectedDifferentiable) {
    Method original = findOriginal(sources, className, methodName, parameterTypes);
    String what = describe(className, original);
    String[] names = parameterNames(original);
    Class<?>[] types = original.getParameterTypes();
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot + 1);
    String simple = className.substring(dot + 1);
    List<String> problems = new ArrayList<>();

    // ---- the adjoint class and the gradient holder
    String adjointName = pkg + simple + "Adjoint";
    Class<?> adjoint = sources.load(adjointName);
    expectModifiers(problems, "class " + adjointName, adjoint.getModifiers(), true, true);
    String holderSimple = holderSimpleName(original);
    Class<?> holder = null;
    for (Class<?> nested : adjoint.getDeclaredClasses()) {
      if (nested.getSimpleName().equals(holderSimple)) {
        holder = nested;
      }
    }
    if (holder == null) {
      throw new AssertionError(
          what + ": no nested class " + adjointName + "." + holderSimple + "; nested classes: "
              + Arrays.stream(adjoint.getDeclaredClasses())
                  .map(Class::getSimpleName)
                  .collect(Collectors.toList())
              + "\n" + String.valueOf(sources.generatedSource(adjointName)));
    }
    String holderName = adjointName + "." + holderSimple;
    // The holder has its companions' visibility (README: Visibility).
    int holderAccess = expectedCompanionAccess(original.getModifiers());
    expectModifiers(problems, "class " + holderName, holder.getModifiers(), false, true);
    int actualHolderAccess =
        holder.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE);
    if (actualHolderAccess != holderAccess) {
      problems.add("class " + holderName + " has access '" + Modifier.toString(actualHolderAccess)
          + "', expected the companions' '" + Modifier.toString(holderAccess) + "'");
    }
    if (!Modifier.isStatic(holder.getModifiers())) {
      problems.add("class " + holderName + " is not static");
    }
    Field valueField = null;
    List<String> fieldNames = new ArrayList<>();
    java.util.Map<String, Field> fieldsByName = new java.util.HashMap<>();
    for (Field f : holder.getDeclaredFields()) {
      if (f.isSynthetic() || Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      if (Modifier.isPrivate(f.getModifiers())) {
        // the holder's private, final tape (reused by its pullbacks) is not part of the contract
        if (f.getType() != dev.cotangent.runtime.Tape.class || !Modifier.isFinal(f.getModifiers())) {
          problems.add(holderName + "." + f.getName() + " is private and not the holder's tape");
        }
        continue;
      }
      String fieldWhat = holderName + "." + f.getName();
      Class<?> ft = f.getType();
      boolean arrayField = ft == double[].class || ft == double[][].class;
      if (!Modifier.isPublic(f.getModifiers())) {
        problems.add(fieldWhat + " is not public");
      }
      if (ft != double.class && !(arrayField && !f.getName().equals("value"))) {
        problems.add(
            fieldWhat + " has type " + ft.getSimpleName()
                + "; gradient fields are double, double[] or double[][] (value is double)");
      }
      if (ft == double.class && Modifier.isFinal(f.getModifiers())) {
        problems.add(fieldWhat + " is final");
      }
      if (arrayField && !Modifier.isFinal(f.getModifiers())) {
        problems.add(fieldWhat + " (an array) is not final");
      }
      f.setAccessible(true);
      if (f.getName().equals("value")) {
        valueField = f;
      } else {
        fieldNames.add(f.getName());
        fieldsByName.put(f.getName(), f);
      }
    }
    if (valueField == null) {
      throw new AssertionError(what + ": " + holderName + " has no field 'value'");
    }

    // ---- which parameters are differentiable
    Set<String> fromHolder = new LinkedHashSet<>(fieldNames);
    if (expectedDifferentiable != null
        && !fromHolder.equals(new LinkedHashSet<>(expectedDifferentiable))) {
      problems.add(
          holderName + " has gradient fields " + fromHolder + " but the differentiable parameters are "
              + expectedDifferentiable);
      throw new AssertionError(
          what + ": generated companions do not follow the contract:\n  - "
              + String.join("\n  - ", problems));
    }
    List<Integer> diff = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (fromHolder.contains(names[i])) {
        if (!Values.differentiableType(types[i])) {
          problems.add(
              holderName + " has a field for parameter " + names[i] + " of non-differentiable type "
                  + types[i].getSimpleName());
        } else if (fieldsByName.get(names[i]).getType() != types[i]) {
          problems.add(
              holderName + "." + names[i] + " has type "
                  + fieldsByName.get(names[i]).getType().getSimpleName() + " but the parameter is "
                  + types[i].getSimpleName());
        } else {
          diff.add(i);
        }
      }
    }
    for (String field : fromHolder) {
      if (!Arrays.asList(names).contains(field)) {
        problems.add(holderName + " has field " + field + " that names no parameter");
      }
    }
    int[] differentiable = diff.stream().mapToInt(Integer::intValue).toArray();
    Field[] gradientFields = new Field[differentiable.length];
    List<Class<?>> templateTypes = new ArrayList<>();
    for (int k = 0; k < differentiable.length; k++) {
      gradientFields[k] = fieldsByName.get(names[differentiable[k]]);
      if (types[differentiable[k]].isArray()) {
        templateTypes.add(types[differentiable[k]]);
      }
    }

    // ---- the constructor: no-arg, or the differentiable arrays in order as shape templates
    Constructor<?> constructor;
    Class<?>[] templates = templateTypes.toArray(new Class<?>[0]);
    try {
      constructor = holder.getDeclaredConstructor(templates);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(
          what + ": " + holderName + " has no constructor "
              + templateTypes.stream().map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"))
              + "; constructors: "
              + Arrays.stream(holder.getDeclaredConstructors())
                  .map(c -> Arrays.stream(c.getParameterTypes()).map(Class::getSimpleName)
                      .collect(Collectors.joining(", ", "(", ")")))
                  .collect(Collectors.joining("; ")), e);
    }
    // public, or the implicit no-argument constructor, which has the holder's access
    int constructorAccess =
        constructor.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE);
    if (!Modifier.isPublic(constructorAccess)
        && (templates.length > 0 || constructorAccess != holderAccess)) {
      problems.add(holderName + "'s constructor " + Arrays.toString(templates) + " is not public");
    }
    constructor.setAccessible(true);
    Method clear;
    try {
      clear = holder.getDeclaredMethod("clear");
    } catch (NoSuchMethodException e) {
      throw new AssertionError(what + ": " + holderName + " has no clear()", e);
    }
    if (!Modifier.isPublic(clear.getModifiers()) || Modifier.isStatic(clear.getModifiers())
        || clear.getReturnType() != void.class) {
      problems.add(holderName + ".clear() is not 'public void clear()'");
    }
    clear.setAccessible(true);

    // ---- the two adjoint overloads
    int expectedAccess = expectedCompanionAccess(original.getModifiers());
    Method gradient = companion(adjoint, methodName, types, what, adjointName);
    expectCompanion(problems, adjointName, gradient, holder, expectedAccess);
    Class<?>[] pullbackTypes = Arrays.copyOf(types, types.length + 2);
    pullbackTypes[types.length] = double.class;
    pullbackTypes[types.length + 1] = holder;
    Method pullback = companion(adjoint, methodName, pullbackTypes, what, adjointName);
    expectCompanion(problems, adjointName, pullback, double.class, expectedAccess);

    // ---- the tangent
    String tangentName = pkg + simple + "Tangent";
    Class<?> tangentClass = sources.load(tangentName);
    expectModifiers(problems, "class " + tangentName, tangentClass.getModifiers(), true, true);
    List<Class<?>> tangentTypes = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      tangentTypes.add(types[i]);
      if (diff.contains(i)) {
        tangentTypes.add(types[i]);
      }
    }
    Method tangent =
        companion(tangentClass, methodName, tangentTypes.toArray(new Class<?>[0]), what, tangentName);
    expectCompanion(problems, tangentName, tangent, Dual.class, expectedAccess);
    String[] tangentNames = parameterNames(tangent);
    int at = 0;
    for (int i = 0; i < types.length; i++) {
      at++;
      if (diff.contains(i)) {
        String expected = names[i] + "Dot";
        if (tangentNames != null && !tangentNames[at].equals(expected)) {
          problems.add(
              tangentName + "." + methodName + " parameter " + at + " is named " + tangentNames[at]
                  + ", expected " + expected);
        }
        at++;
      }
    }

    return new DifferentiableMethod(
        className, original, differentiable, holder, constructor, valueField, gradientFields, clear,
        gradient, pullback, tangent, problems);
  }

  /**
   * The holder's simple name: capitalised method name + "Gradient", with the capitalised simple
   * names of the parameter types inserted when the class declares several methods of that name.
   */
  static String holderSimpleName(Method original) {
    long sameName =
        Arrays.stream(original.getDeclaringClass().getDeclaredMethods())
            .filter(m -> !m.isSynthetic() && m.getName().equals(original.getName()))
            .count();
    StringBuilder name = new StringBuilder(capitalise(original.getName()));
    if (sameName > 1) {
      for (Class<?> type : original.getParameterTypes()) {
        name.append(capitalise(type.getSimpleName()));
      }
    }
    return name.append("Gradient").toString();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static int expectedCompanionAccess(int modifiers) {
    if (Modifier.isPublic(modifiers)) {
      return Modifier.PUBLIC;
    }
    if (Modifier.isProtected(modifiers)) {
      return Modifier.PROTECTED;
    }
    return 0; // package-private, and private becomes package-private
  }

  private static Method companion(
      Class<?> owner, String name, Class<?>[] types, String what, String ownerName) {
    try {
      Method m = owner.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      String present =
          Arrays.stream(owner.getDeclaredMethods())
              .filter(m -> m.getName().equals(name))
              .map(m -> m.getReturnType().getSimpleName() + " " + name
                  + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                      .collect(Collectors.joining(", ", "(", ")")))
              .collect(Collectors.joining("; "));
      throw new AssertionError(
          what + ": no " + ownerName + "." + name
              + Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"))
              + "; methods of that name: [" + present + "]", e);
    }
  }

  private static void expectCompanion(
      List<String> problems, String ownerName, Method m, Class<?> returns, int access) {
    String what = ownerName + "." + m.getName() + Arrays.toString(m.getParameterTypes());
    if (!Modifier.isStatic(m.getModifiers())) {
      problems.add(what + " is not static");
    }
    if (m.getReturnType() != returns) {
      problems.add(what + " returns " + m.getReturnType().getName() + ", expected " + returns.getName());
    }
    int actual = m.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE);
    if (actual != access) {
      problems.add(
          what + " has access '" + Modifier.toString(actual) + "', expected '"
              + (access == 0 ? "package-private" : Modifier.toString(access)) + "'");
    }
  }

  private static void expectModifiers(
      List<String> problems, String what, int modifiers, boolean isPublic, boolean isFinal) {
    if (isPublic && !Modifier.isPublic(modifiers)) {
      problems.add(what + " is not public");
    }
    if (isFinal && !Modifier.isFinal(modifiers)) {
      problems.add(what + " is not final");
    }
  }

  static String[] parameterNames(Method m) {
    Parameter[] ps = m.getParameters();
    String[] out = new String[ps.length];
    for (int i = 0; i < ps.length; i++) {
      if (!ps[i].isNamePresent()) {
        return null;
      }
      out[i] = ps[i].getName();
    }
    return out;
  }

  static String describe(String className, Method m) {
    String[] names = parameterNames(m);
    Class<?>[] types = m.getParameterTypes();
    StringBuilder out = new StringBuilder(className).append('.').append(m.getName()).append('(');
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(types[i].getSimpleName());
      if (names != null) {
        out.append(' ').append(names[i]);
      }
    }
    return out.append(')').toString();
  }

  // ---------------------------------------------------------------- what the method is

  /**
   * Where the generated structure deviates from the contract (class and member modifiers, access
   * of the companions, tangent parameter names); empty when it follows it. {@link
   * GradientCheck#checkAll()} reports these as failures.
   */
  public List<String> contractProblems() {
    return contractProblems;
  }

  /** E.g. {@code "p.C.f(double x, double k, int n, double y)"}. */
  public String signature() {
    return describe(className, original);
  }

  public Method original() {
    return original;
  }

  public String[] parameterNames() {
    return names.clone();
  }

  public Class<?>[] parameterTypes() {
    return types.clone();
  }

  /** Indices (into the original's parameters) of the differentiable parameters, in order. */
  public int[] differentiableIndices() {
    return differentiable.clone();
  }

  /** Names of the differentiable parameters, in parameter order. */
  public List<String> differentiableNames() {
    List<String> out = new ArrayList<>();
    for (int i : differentiable) {
      out.add(names[i]);
    }
    return out;
  }

  public Class<?> holderClass() {
    return holder;
  }

  public Method gradientMethod() {
    return gradient;
  }

  public Method pullbackMethod() {
    return pullback;
  }

  public Method tangentMethod() {
    return tangent;
  }

  // ---------------------------------------------------------------- calls

  /** Calls the original method. */
  public double value(Object... args) {
    return (Double) invoke(original, "original", args);
  }

  /** Calls {@code CAdjoint.f(args)}: a fresh holder with value and gradient. */
  public Object gradient(Object... args) {
    Object h = invoke(gradient, "adjoint f(args)", args);
    if (h == null) {
      throw new CompanionException(signature() + ": adjoint f(args) returned null", null);
    }
    return h;
  }

  /** Calls the pullback {@code CAdjoint.f(args, seed, into)} and returns what it returns. */
  public double pullback(Object[] args, double seed, Object into) {
    Object[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = seed;
    all[args.length + 1] = into;
    return (Double) invoke(pullback, "pullback f(args, seed, into)", all);
  }

  /** The coordinates of the differentiable parameters in the shapes of {@code args}. */
  public Coordinates coordinates(Object[] args) {
    return Coordinates.of(names, differentiable, args);
  }

  /** Whether some differentiable parameter is an array (the holder then takes shape templates). */
  public boolean hasDifferentiableArrays() {
    for (int i : differentiable) {
      if (types[i].isArray()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Calls {@code CTangent.f} with tangents given as coordinates (see {@link Coordinates}): for
   * scalar parameters, {@code dots[k]} after the k-th differentiable parameter; array tangents are
   * fresh arrays in the shapes of {@code args}.
   */
  public Dual tangent(Object[] args, double[] dots) {
    Coordinates c = coordinates(args);
    if (dots.length != c.size()) {
      throw new IllegalArgumentException("need " + c.size() + " tangent coordinates");
    }
    return tangentWith(args, c.unflatten(dots, args));
  }

  /**
   * Calls {@code CTangent.f} with {@code dots[k]} (a Double, or an array of the argument's shape,
   * which the companion may update in place) after the k-th differentiable parameter.
   */
  public Dual tangentWith(Object[] args, Object[] dots) {
    if (dots.length != differentiable.length) {
      throw new IllegalArgumentException("need " + differentiable.length + " tangents");
    }
    Object[] all = new Object[args.length + dots.length];
    int at = 0;
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      all[at++] = args[i];
      if (k < differentiable.length && differentiable[k] == i) {
        all[at++] = dots[k++];
      }
    }
    Dual d = (Dual) invoke(tangent, "tangent", all);
    if (d == null) {
      throw new CompanionException(signature() + ": tangent returned null", null);
    }
    return d;
  }

  /** A new holder from the public no-arg constructor (only for methods without differentiable arrays). */
  public Object newHolder() {
    if (hasDifferentiableArrays()) {
      throw new IllegalStateException(signature() + ": the holder needs shape templates: newHolder(args)");
    }
    return construct(new Object[0]);
  }

  /** A new holder, constructed with the differentiable arrays of {@code args} as shape templates. */
  public Object newHolder(Object[] args) {
    List<Object> templates = new ArrayList<>();
    for (int i : differentiable) {
      if (types[i].isArray()) {
        templates.add(args[i]);
      }
    }
    return construct(templates.toArray());
  }

  private Object construct(Object[] templates) {
    try {
      return holderConstructor.newInstance(templates);
    } catch (InvocationTargetException e) {
      throw new CompanionException(signature() + ": holder constructor threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  public double holderValue(Object h) {
    try {
      return valueField.getDouble(h);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The holder's field for the k-th differentiable parameter as it is: a Double, or the holder's
   * own array (not a copy).
   */
  public Object holderField(Object h, int k) {
    try {
      return gradientFields[k].get(h);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** The holder's field for the differentiable parameter {@code name} (a Double or the array). */
  public Object holderField(Object h, String name) {
    int k = differentiableNames().indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException(name + " is not differentiable in " + signature());
    }
    return holderField(h, k);
  }

  /** The holder's fields per differentiable parameter, in order (Doubles and the holder's arrays). */
  public Object[] holderFields(Object h) {
    Object[] out = new Object[gradientFields.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = holderField(h, k);
    }
    return out;
  }

  /**
   * The holder's gradient as coordinates (see {@link Coordinates}): scalar fields and array
   * elements, in differentiable-parameter order, in the shapes of the holder's own arrays.
   */
  public double[] holderGradient(Object h) {
    Object[] full = new Object[names.length];
    Object[] fields = holderFields(h);
    for (int k = 0; k < fields.length; k++) {
      full[differentiable[k]] = fields[k];
    }
    return Coordinates.of(names, differentiable, full).flatten(full);
  }

  /** Sets the value and every gradient coordinate (array elements in place). */
  public void setHolder(Object h, double value, double[] gradient) {
    try {
      valueField.setDouble(h, value);
      Object[] full = new Object[names.length];
      Object[] fields = holderFields(h);
      for (int k = 0; k < fields.length; k++) {
        full[differentiable[k]] = fields[k];
      }
      Coordinates c = Coordinates.of(names, differentiable, full);
      if (gradient.length != c.size()) {
        throw new IllegalArgumentException("holder has " + c.size() + " coordinates, got " + gradient.length);
      }
      for (int k = 0; k < gradient.length; k++) {
        c.set(full, k, gradient[k]);
      }
      for (int k = 0; k < fields.length; k++) {
        if (!types[differentiable[k]].isArray()) {
          gradientFields[k].setDouble(h, (Double) full[differentiable[k]]);
        }
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  public void clear(Object h) {
    invokeOn(clear, h, "holder.clear()");
  }

  /** Value and gradient from {@code CAdjoint.f(args)}, as plain numbers. */
  public Gradient gradientAt(Object... args) {
    Object h = gradient(args);
    return new Gradient(holderValue(h), holderGradient(h));
  }

  /** A value and a gradient (in differentiable-parameter order). */
  public record Gradient(double value, double[] gradient) {
    public double get(int k) {
      return gradient[k];
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "value=%s gradient=%s", value, Arrays.toString(gradient));
    }
  }

  private Object invoke(Method m, String role, Object[] args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new CompanionException(
          signature() + ": " + role + " threw " + e.getCause() + " at " + Arrays.toString(args),
          e.getCause());
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw new AssertionError(signature() + ": cannot call " + role + ": " + e, e);
    }
  }

  private void invokeOn(Method m, Object target, String role) {
    try {
      m.invoke(target);
    } catch (InvocationTargetException e) {
      throw new CompanionException(signature() + ": " + role + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** A generated (or original) method threw. */
  public static final class CompanionException extends RuntimeException {
    CompanionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
