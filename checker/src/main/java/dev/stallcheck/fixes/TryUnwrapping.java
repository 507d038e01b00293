package dev.stallcheck.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.stallcheck.text.SourceLines;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removing a try that keeps only its block, once a fix has taken its last catch or its finally's
 * last statement: shared by the fixes of both checks.
 */
public final class TryUnwrapping {
  /**
   * The edits that remove the try, and the lines that move out one level with them, which the
   * caller applies ({@link LineShift#apply}) once it knows which lines its own edits rewrite.
   */
  public record Unwrapped(SuggestedFix fix, LineShift shift) {}

  private TryUnwrapping() {}

  /**
   * Removes a try that keeps only its block. Its statements join the enclosing block, moved out to
   * the try's indentation, unless they declare a name that the rest of that block declares too, or
   * their lines cannot all move (a text block's line further left, say); then the block stays, as a
   * block.
   */
  public static Unwrapped unwrap(TryTree tryTree, TreePath tryPath, VisitorState state) {
    CharSequence source = state.getSourceCode();
    BlockTree body = tryTree.getBlock();
    int tryStart = ASTHelpers.getStartPosition(tryTree);
    int bodyStart = ASTHelpers.getStartPosition(body);
    int bodyEnd = state.getEndPosition(body);
    int tryEnd = state.getEndPosition(tryTree);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    Optional<LineShift> shift =
        canSplice(body, tryPath) ? bodyShift(body, tryStart, state) : Optional.empty();
    if (shift.isEmpty()) {
      fix.replace(tryStart, bodyStart, "");
      SourceLines.delete(fix, bodyEnd, tryEnd, state);
      return new Unwrapped(fix.build(), LineShift.NONE);
    }
    // `try {` and `} catch (...) {...}`: whole lines where alone on them; else with the blanks
    // between them and the body, so that `try { q.put(m); } ...` keeps only the statement.
    int firstInBody = skipBlanksForward(bodyStart + 1, source);
    if (firstInBody < bodyEnd - 1 && !Indentation.isLineBreak(source.charAt(firstInBody))) {
      fix.replace(tryStart, firstInBody, "");
    } else {
      SourceLines.delete(fix, tryStart, bodyStart + 1, state);
    }
    int lastInBody = skipBlanksBackward(bodyEnd - 1, source);
    if (lastInBody > firstInBody && !Indentation.isLineBreak(source.charAt(lastInBody - 1))) {
      fix.replace(lastInBody, tryEnd, "");
    } else {
      SourceLines.delete(fix, bodyEnd - 1, tryEnd, state);
    }
    return new Unwrapped(fix.build(), shift.get());
  }

  /** From the body's indentation to the try's, for the lines that start inside the body. */
  private static Optional<LineShift> bodyShift(BlockTree body, int tryStart, VisitorState state) {
    CharSequence source = state.getSourceCode();
    String from = null;
    for (StatementTree statement : body.getStatements()) {
      if (Indentation.startsLine(ASTHelpers.getStartPosition(statement), source)) {
        from = Indentation.ofLineAt(ASTHelpers.getStartPosition(statement), source);
        break;
      }
    }
    if (from == null) {
      return Optional.of(LineShift.NONE);
    }
    String to = Indentation.ofLineAt(tryStart, source);
    int closingBrace = state.getEndPosition(body) - 1;
    // The closing brace's own line goes with the try.
    int end =
        Indentation.startsLine(closingBrace, source)
            ? Indentation.lineStart(closingBrace, source)
            : closingBrace;
    return LineShift.of(ASTHelpers.getStartPosition(body) + 1, end, from, to, source);
  }

  private static int skipBlanksForward(int position, CharSequence source) {
    int i = position;
    while (i < source.length() && Indentation.isBlank(source.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipBlanksBackward(int position, CharSequence source) {
    int i = position;
    while (i > 0 && Indentation.isBlank(source.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean canSplice(BlockTree body, TreePath tryPath) {
    Set<String> declared = new HashSet<>();
    for (StatementTree statement : body.getStatements()) {
      if (statement instanceof VariableTree variable) {
        declared.add(variable.getName().toString());
      } else if (statement instanceof ClassTree classTree) {
        declared.add(classTree.getSimpleName().toString());
      }
    }
    Tree parent = tryPath.getParentPath().getLeaf();
    if (parent instanceof CaseTree caseTree
        && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
      // A declaration in a case group is in scope for the rest of the switch block.
      return declared.isEmpty();
    }
    if (!(parent instanceof BlockTree block)) {
      return false;
    }
    List<? extends StatementTree> siblings = block.getStatements();
    int index = siblings.indexOf(tryPath.getLeaf());
    for (StatementTree later : siblings.subList(index + 1, siblings.size())) {
      if (declaresAny(later, declared)) {
        return false;
      }
    }
    return true;
  }

  private static boolean declaresAny(Tree tree, Set<String> names) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitVariable(VariableTree variable, Void unused) {
            return names.contains(variable.getName().toString())
                || Boolean.TRUE.equals(super.visitVariable(variable, null));
          }

          @Override
          public Boolean visitClass(ClassTree classTree, Void unused) {
            return names.contains(classTree.getSimpleName().toString())
                || Boolean.TRUE.equals(super.visitClass(classTree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }
}
