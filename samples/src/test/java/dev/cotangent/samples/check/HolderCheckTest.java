package dev.cotangent.samples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** GradientCheck on generated gradient holders, the way a user's own tests call it. */
class HolderCheckTest {
  private static final double[] X = {0.3, -1.2, 2.0};

  @Test
  void theGeneratedGradientOfATinyFunctionPassesAndAZeroOneFails() {
    CheckedAdjoint.TinyGradient g = CheckedAdjoint.tiny(X);
    GradientCheck.Point at = GradientCheck.point().with("x", X);
    GradientCheck.Result ok = GradientCheck.holder(g, at, p -> Checked.tiny(p.array("x")), 1e-8);
    assertTrue(ok.passed(), ok::toString);
    assertEquals(2e-8 * X[2], g.x[2], 1e-22); // the closed form

    g.clear(); // an all-zero gradient, 100 % wrong although below 1e-7 in every component
    GradientCheck.Result zero = GradientCheck.holder(g, at, p -> Checked.tiny(p.array("x")),
        1e-6);
    assertFalse(zero.passed(), zero::toString);
    assertEquals(1.0, zero.relativeError(), 1e-6);
    assertEquals("x[0]", zero.component());
    assertEquals(2e-8 * X[0], zero.absoluteError(), 1e-15);
  }

  @Test
  void checksAHolderWithAScalarAnArrayAndAMatrixByName() {
    double[][] m = {{0.5, -1, 2}, {1.5, 0.25, -0.75}};
    CheckedAdjoint.MixedGradient g = CheckedAdjoint.mixed(1.3, X, m, 0.4);
    GradientCheck.Point at = GradientCheck.point().with("a", 1.3).with("x", X).with("m", m);
    GradientCheck.Result ok = GradientCheck.holder(g, at,
        p -> Checked.mixed(p.scalar("a"), p.array("x"), p.matrix("m"), 0.4), 1e-8);
    assertTrue(ok.passed(), ok::toString);

    g.m[1][2] *= 1 + 1e-6; // one wrong element is found and named
    GradientCheck.Result wrong = GradientCheck.holder(g, at,
        p -> Checked.mixed(p.scalar("a"), p.array("x"), p.matrix("m"), 0.4), 1e-8);
    assertFalse(wrong.passed(), wrong::toString);
    assertEquals("m[1][2]", wrong.component());
    assertEquals(1e-6, wrong.relativeError(), 1e-9);
  }

  @Test
  void holdersFollowTheirCompanionsVisibility() {
    assertFalse(Modifier.isPublic(CheckedAdjoint.TinyGradient.class.getModifiers()));
    assertTrue(Modifier.isPublic(CheckedAdjoint.MixedGradient.class.getModifiers()));
  }
}
