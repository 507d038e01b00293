package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;

/**
 * A point where the analysed method hands a task to another thread.
 *
 * @param start the call from which the task may run ({@code execute}, {@code submit}, {@code
 *     start}, {@code runAsync}, ...)
 * @param bodies the code the task runs (more than one for {@code invokeAll}/{@code invokeAny})
 * @param handles the local variables holding the task's future or thread ({@code f} in {@code
 *     Future<?> f = pool.submit(...)}, {@code t} in {@code t.start()})
 * @param executor the executor the task went to, for {@code awaitTermination}, or the completion
 *     service, for its {@code poll}/{@code take}
 */
record TaskSubmission(
    ExpressionTree start,
    ImmutableList<TaskBody> bodies,
    ImmutableSet<Symbol> handles,
    ImmutableSet<Symbol> executor) {}
