/**
 * Machinery the implementations share, not an API: the per-connection event dispatcher
 * that both the NIO and the testing implementation run, so that they deliver events the
 * same way. Public only because the implementations live in other packages; applications
 * must not use it, and it may change in any release.
 */
@NullMarked
package io.ngi.internal;

import org.jspecify.annotations.NullMarked;
