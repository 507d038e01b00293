package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;

/**
 * A release the submitting method makes inside a helper: {@code releaseQuietly(pool, conn)} whose
 * body, or a helper of it, calls {@code pool.release(conn)}.
 *
 * @param via the helpers from the one the caller calls down to the one making {@code release}
 *     ({@code Pools.releaseQuietly}, {@code Pools.giveBack}), or the lambda the caller runs
 * @param release the releasing call itself
 * @param unit the compilation unit {@code release} is in
 */
record HelperRelease(
    ImmutableList<String> via, MethodInvocationTree release, CompilationUnitTree unit) {

  /** The same release reached from one more helper, {@code caller}, above the chain. */
  HelperRelease under(String caller) {
    return new HelperRelease(
        ImmutableList.<String>builder().add(caller).addAll(via).build(), release, unit);
  }
}
