/**
 * Imperative handlers: connection handlers written as straight-line code that reads input
 * as it needs it, the port of zc.ngi's generator handlers.
 */
@NullMarked
package io.ngi.imperative;

import org.jspecify.annotations.NullMarked;
