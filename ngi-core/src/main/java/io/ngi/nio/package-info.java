/**
 * The socket implementation of NGI on Java NIO selectors:
 * {@link io.ngi.nio.NioImplementation} with its own loop threads, and
 * {@link io.ngi.nio.InlineImplementation} driven by the caller's thread.
 */
@NullMarked
package io.ngi.nio;

import org.jspecify.annotations.NullMarked;
