/**
 * Blocking client helpers: make a request, or open a connection as a pair of streams,
 * from a thread that may wait, on any {@link io.ngi.Implementation}.
 */
@NullMarked
package io.ngi.blocking;

import org.jspecify.annotations.NullMarked;
