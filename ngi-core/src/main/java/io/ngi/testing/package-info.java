/**
 * The testing implementation: connections, listeners and UDP delivered in memory,
 * synchronously, with no sockets and no threads, so handler code is tested by calling it.
 */
@NullMarked
package io.ngi.testing;

import org.jspecify.annotations.NullMarked;
