package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;

/**
 * Every method invocation in a piece of code (a callback's or timer task's body), nested lambdas
 * and classes included, in source order: the code runs later on another thread, and so does all
 * that it declares.
 */
final class CallsIn {
  private CallsIn() {}

  static ImmutableList<MethodInvocationTree> of(Tree code) {
    ImmutableList.Builder<MethodInvocationTree> found = ImmutableList.builder();
    code.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            found.add(call);
            return super.visitMethodInvocation(call, null);
          }
        },
        null);
    return found.build();
  }
}
