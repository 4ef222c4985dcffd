/**
 * Framing adapters: connections that wrap a connection and turn its byte stream into
 * records ({@link io.ngi.adapters.Lines lines}, {@link io.ngi.adapters.Sized sized
 * messages}) for the application handler.
 */
@NullMarked
package io.ngi.adapters;

import org.jspecify.annotations.NullMarked;
