/**
 * The finger service of the Twisted tutorial (RFC 1288) on NGI: {@code finger} answers a
 * user's status, {@code finger-setter} sets it, a users file re-read periodically feeds
 * both, and {@code finger-proxy} answers by asking an upstream finger server.
 */
@NullMarked
package io.ngi.sample.finger;

import org.jspecify.annotations.NullMarked;
