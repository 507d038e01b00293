package dev.stallcheck.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.Optional;

/**
 * {@code @SuppressWarnings("<Check>") // <comment>} on the method or field that encloses a finding
 * (the class, for an initializer block), written by Error Prone's {@link
 * SuggestedFixes#addSuppressWarnings}, which also extends an existing {@code @SuppressWarnings}.
 * The comment goes at the end of the annotation's line (before an existing annotation, on a line of
 * its own), and the line after it keeps the member's indentation.
 */
public final class Suppression {
  private Suppression() {}

  /** The fix for the finding at {@code state.getPath()}; empty where no member encloses it. */
  public static Optional<SuggestedFix> of(String checkName, String comment, VisitorState state) {
    TreePath member = enclosingMember(state.getPath());
    if (member == null) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    SuggestedFixes.addSuppressWarnings(
        fix, state.withPath(member), checkName, comment, /* commentOnNewLine= */ false);
    if (fix.isEmpty()) {
      return Optional.empty();
    }
    // Error Prone ends what it inserts with a line break, right where the member (or its existing
    // annotation) starts: the member's own first line would lose its indentation.
    int insertedAt = ASTHelpers.getStartPosition(existingSuppression(member.getLeaf()));
    CharSequence source = state.getSourceCode();
    if (Indentation.startsLine(insertedAt, source)) {
      fix.replace(insertedAt, insertedAt, Indentation.ofLineAt(insertedAt, source));
    }
    fix.setShortDescription("Suppress " + checkName + " here, and say why");
    return Optional.of(fix.build());
  }

  /**
   * The innermost method, field or named class around {@code path}: a lambda or a local variable
   * belongs to its method, an anonymous class to the member it is created in.
   */
  private static TreePath enclosingMember(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      boolean inClass =
          p.getParentPath() != null && p.getParentPath().getLeaf() instanceof ClassTree;
      if (leaf instanceof MethodTree
          || (leaf instanceof VariableTree && inClass)
          || (leaf instanceof ClassTree type && !type.getSimpleName().isEmpty())) {
        return p;
      }
    }
    return null;
  }

  /** The member's {@code @SuppressWarnings} annotation if it has one, else the member itself. */
  private static Tree existingSuppression(Tree member) {
    ModifiersTree modifiers = ASTHelpers.getModifiers(member);
    if (modifiers != null) {
      for (AnnotationTree annotation : modifiers.getAnnotations()) {
        if (ASTHelpers.getSymbol(annotation.getAnnotationType()) != null
            && ASTHelpers.getSymbol(annotation.getAnnotationType())
                .getQualifiedName()
                .contentEquals("java.lang.SuppressWarnings")) {
          return annotation;
        }
      }
    }
    return member;
  }
}
