package dev.stallcheck.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.code.Types.FunctionDescriptorLookupError;
import dev.stallcheck.text.SourceLines;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The edits that keep checked exceptions right once the send no longer throws {@code
 * InterruptedException}: javac rejects a catch of a checked exception that its try block cannot
 * throw, so the catch (or multi-catch alternative) that existed only for the send goes, and so does
 * a try left with no catch, no finally and no resources, its body spliced into the enclosing block.
 * A catch that something else in the try still needs stays; so does {@code throws
 * InterruptedException} on the method, since callers may catch it.
 */
final class InterruptedCatches {
  private InterruptedCatches() {}

  /**
   * The edits to the catches, and how they move the lines around the send: a removed try's body
   * moves out one level ({@link LineShift#NONE} otherwise). The shift's edits are not in {@code
   * fix}: the caller applies them, leaving out the lines it replaces itself.
   */
  record Edits(SuggestedFix fix, LineShift shift) {}

  /** The edits, possibly none; empty if the result could not be made to compile for sure. */
  private static final Supplier<Type> INTERRUPTED =
      VisitorState.memoize(s -> s.getTypeFromString("java.lang.InterruptedException"));

  static Optional<Edits> onceSendStopsThrowing(SendSite site, VisitorState state) {
    Types types = state.getTypes();
    Type interrupted = INTERRUPTED.get(state);
    if (interrupted == null) {
      return Optional.empty();
    }
    for (TreePath ancestor : site.ancestors()) {
      Tree leaf = ancestor.getLeaf();
      if (leaf instanceof LambdaExpressionTree lambda) {
        // The exception left through the lambda's functional interface; nothing catches it here.
        return throwsTypeVariable(lambda, state) ? Optional.empty() : Optional.of(noEdits());
      }
      if (!(leaf instanceof TryTree tryTree) || site.childOf(ancestor) != tryTree.getBlock()) {
        continue;
      }
      for (CatchTree catchTree : tryTree.getCatches()) {
        for (Tree alternative : alternatives(catchTree)) {
          Type caught = ASTHelpers.getType(alternative);
          if (caught == null) {
            return Optional.empty();
          }
          if (types.isSameType(caught, interrupted)) {
            return removeIfUnused(catchTree, alternative, tryTree, ancestor, site, state);
          }
          if (types.isSubtype(caught, interrupted)) {
            // A user subclass of InterruptedException: rare, and its legality is subtle.
            return Optional.empty();
          }
          if (types.isSubtype(interrupted, caught)) {
            // Exception or Throwable: always a legal catch. Rethrowing its parameter, though,
            // throws what the try throws, which changes for the catches further out.
            return rethrowsParameter(catchTree) ? Optional.empty() : Optional.of(noEdits());
          }
        }
      }
    }
    return Optional.of(noEdits());
  }

  private static Optional<Edits> removeIfUnused(
      CatchTree catchTree,
      Tree alternative,
      TryTree tryTree,
      TreePath tryPath,
      SendSite site,
      VisitorState state) {
    Type interrupted = ASTHelpers.getType(alternative);
    Optional<Boolean> neededWithoutThisSend =
        stillCatches(tryTree, interrupted, call -> call == site.send(), state);
    Optional<Boolean> neededWithoutAnySend =
        stillCatches(
            tryTree, interrupted, call -> SendCounterpart.of(call, state).isPresent(), state);
    if (neededWithoutThisSend.isEmpty() || neededWithoutAnySend.isEmpty()) {
      return Optional.empty();
    }
    if (neededWithoutAnySend.get()) {
      return Optional.of(noEdits());
    }
    if (neededWithoutThisSend.get()) {
      // Only other blocking sends still need the catch. Patch mode applies their fixes too, each
      // computed alone: keeping the catch here would leave it unused once they are all applied.
      return Optional.empty();
    }
    List<? extends Tree> alternatives = alternatives(catchTree);
    if (alternatives.size() > 1) {
      return removeAlternative(catchTree, alternative, alternatives, state)
          .map(fix -> new Edits(fix, LineShift.NONE));
    }
    if (!keepsCompletion(catchTree, tryTree)) {
      return Optional.empty();
    }
    if (tryTree.getCatches().size() > 1
        || tryTree.getFinallyBlock() != null
        || !tryTree.getResources().isEmpty()) {
      SuggestedFix.Builder fix = SuggestedFix.builder();
      SourceLines.delete(fix, site.start(catchTree), site.end(catchTree), state);
      return Optional.of(new Edits(fix.build(), LineShift.NONE));
    }
    TryUnwrapping.Unwrapped unwrapped = TryUnwrapping.unwrap(tryTree, tryPath, state);
    return Optional.of(new Edits(unwrapped.fix(), unwrapped.shift()));
  }

  /** Whether the try still throws something related to the caught type without some calls. */
  private static Optional<Boolean> stillCatches(
      TryTree tryTree, Type caught, Predicate<MethodInvocationTree> leftOut, VisitorState state) {
    Types types = state.getTypes();
    return ExceptionsThrownExcept.toCatchesOf(tryTree, leftOut, state)
        .map(
            thrown ->
                thrown.stream()
                    .anyMatch(t -> types.isSubtype(t, caught) || types.isSubtype(caught, t)));
  }

  /**
   * {@code catch (InterruptedException | IOException e)} becomes {@code catch (IOException e)}. Not
   * when the body tests or casts the parameter: {@code e instanceof InterruptedException} would no
   * longer compile against the narrower type.
   */
  private static Optional<SuggestedFix> removeAlternative(
      CatchTree catchTree, Tree removed, List<? extends Tree> alternatives, VisitorState state) {
    if (testsOrCastsParameter(catchTree)) {
      return Optional.empty();
    }
    List<String> kept =
        alternatives.stream()
            .filter(a -> a != removed)
            .map(state::getSourceForNode)
            .collect(Collectors.toList());
    if (kept.contains(null)) {
      return Optional.empty();
    }
    String remaining = String.join(" | ", kept);
    return Optional.of(
        SuggestedFix.builder().replace(catchTree.getParameter().getType(), remaining).build());
  }

  /**
   * Removing a catch that can complete normally from a try that otherwise cannot would make the
   * statements after the try unreachable, which javac rejects.
   */
  private static boolean keepsCompletion(CatchTree removed, TryTree tryTree) {
    if (!Reachability.canCompleteNormally(removed.getBlock())) {
      return true;
    }
    if (tryTree.getFinallyBlock() != null
        && !Reachability.canCompleteNormally(tryTree.getFinallyBlock())) {
      return true;
    }
    if (Reachability.canCompleteNormally(tryTree.getBlock())) {
      return true;
    }
    return tryTree.getCatches().stream()
        .anyMatch(c -> c != removed && Reachability.canCompleteNormally(c.getBlock()));
  }

  private static boolean rethrowsParameter(CatchTree catchTree) {
    Symbol parameter = ASTHelpers.getSymbol(catchTree.getParameter());
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitThrow(ThrowTree tree, Void unused) {
            return parameter.equals(ASTHelpers.getSymbol(tree.getExpression()))
                || Boolean.TRUE.equals(super.visitThrow(tree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(catchTree.getBlock(), null);
    return Boolean.TRUE.equals(found);
  }

  private static boolean testsOrCastsParameter(CatchTree catchTree) {
    Symbol parameter = ASTHelpers.getSymbol(catchTree.getParameter());
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitInstanceOf(InstanceOfTree tree, Void unused) {
            return refersTo(tree.getExpression())
                || Boolean.TRUE.equals(super.visitInstanceOf(tree, null));
          }

          @Override
          public Boolean visitTypeCast(TypeCastTree tree, Void unused) {
            return refersTo(tree.getExpression())
                || Boolean.TRUE.equals(super.visitTypeCast(tree, null));
          }

          private boolean refersTo(Tree expression) {
            Tree stripped = ASTHelpers.stripParentheses(expression);
            return stripped instanceof IdentifierTree
                && parameter.equals(ASTHelpers.getSymbol(stripped));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(catchTree.getBlock(), null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * A lambda whose functional interface throws a type variable ({@code <E extends Exception> void
   * run() throws E}) lets javac infer that variable from the body: removing the send's exception
   * changes the inferred type, and the catches around the call that receives the lambda.
   */
  private static boolean throwsTypeVariable(LambdaExpressionTree lambda, VisitorState state) {
    Type target = ASTHelpers.getType(lambda);
    if (target == null) {
      return true;
    }
    Symbol descriptor;
    try {
      descriptor = state.getTypes().findDescriptorSymbol(target.tsym);
    } catch (FunctionDescriptorLookupError e) {
      return true;
    }
    return !(descriptor instanceof MethodSymbol method)
        || method.getThrownTypes().stream().anyMatch(t -> t.hasTag(TypeTag.TYPEVAR));
  }

  private static List<? extends Tree> alternatives(CatchTree catchTree) {
    Tree type = catchTree.getParameter().getType();
    return type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type);
  }

  private static Edits noEdits() {
    return new Edits(SuggestedFix.emptyFix(), LineShift.NONE);
  }
}
