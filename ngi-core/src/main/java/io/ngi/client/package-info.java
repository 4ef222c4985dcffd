/**
 * Clients that stay connected: {@link io.ngi.client.ReconnectingClient} keeps one
 * connection open to an address, reconnecting after failures and closes with the delays
 * of a {@link io.ngi.client.Backoff}, on any implementation's timers.
 */
@NullMarked
package io.ngi.client;

import org.jspecify.annotations.NullMarked;
