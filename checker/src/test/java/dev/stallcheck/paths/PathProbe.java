package dev.stallcheck.paths;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A test-only check that prints access paths. At each call of a method named
 *
 * <ul>
 *   <li>{@code bare(x)}: the kind and source of {@code x} without parentheses and casts;
 *   <li>{@code frame(x)}: the {@link FramePaths} path of {@code x} in the enclosing class;
 *   <li>{@code reference(x)}: the {@link ReferencePaths} path of {@code x};
 *   <li>{@code same(x, y)}: whether the frame paths of {@code x} and {@code y} are equal;
 *   <li>{@code seen(r.m(a, ...))}: the frame path of what {@code m} returns (its last statement) in
 *       {@code m}'s frame, and that path {@linkplain AccessPath#seenFrom seen from} the call.
 * </ul>
 */
@BugPattern(summary = "Prints access paths for tests", severity = WARNING)
public final class PathProbe extends BugChecker implements MethodInvocationTreeMatcher {
  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    String name = ASTHelpers.getSymbol(tree).getSimpleName().toString();
    List<? extends ExpressionTree> arguments = tree.getArguments();
    ClassTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    FramePaths paths = new FramePaths(ASTHelpers.getSymbol(enclosing), state.getTypes());
    String message;
    switch (name) {
      case "bare" -> {
        ExpressionTree bare = BareExpression.of(arguments.get(0));
        message = "bare: " + bare.getKind() + " " + state.getSourceForNode(bare);
      }
      case "frame" -> message = "frame: " + paths.pathOf(arguments.get(0));
      case "reference" ->
          message =
              "reference: "
                  + ReferencePaths.of(arguments.get(0)).map(Object::toString).orElse("none");
      case "same" ->
          message =
              "same: "
                  + Objects.equals(paths.pathOf(arguments.get(0)), paths.pathOf(arguments.get(1)));
      case "seen" ->
          message = "seen: " + seen((MethodInvocationTree) arguments.get(0), paths, state);
      default -> {
        return Description.NO_MATCH;
      }
    }
    return buildDescription(tree).setMessage(message).build();
  }

  private static String seen(
      MethodInvocationTree call, FramePaths callerPaths, VisitorState state) {
    MethodSymbol callee = ASTHelpers.getSymbol(call);
    MethodTree declaration = JavacTrees.instance(state.context).getTree(callee);
    List<? extends StatementTree> statements = declaration.getBody().getStatements();
    ExpressionTree returned = ((ReturnTree) statements.get(statements.size() - 1)).getExpression();
    AccessPath inCallee =
        new FramePaths((ClassSymbol) callee.owner, state.getTypes()).pathOf(returned);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    AccessPath receiverPath = receiver == null ? AccessPath.self() : callerPaths.pathOf(receiver);
    List<AccessPath> argumentPaths = new ArrayList<>();
    call.getArguments().forEach(argument -> argumentPaths.add(callerPaths.pathOf(argument)));
    AccessPath inCaller = inCallee == null ? null : inCallee.seenFrom(receiverPath, argumentPaths);
    return inCallee + " -> " + Optional.ofNullable(inCaller).map(Object::toString).orElse("none");
  }
}
