package dev.cotangent.processor.read;

import com.sun.source.tree.Tree;
import javax.tools.Diagnostic;

/** A diagnostic found while reading, to be reported on its tree. */
public record Problem(Diagnostic.Kind kind, Tree tree, String message) {}
