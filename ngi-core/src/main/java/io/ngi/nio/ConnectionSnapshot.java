/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.nio;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One open connection as seen from outside, for diagnostics (the Actuator endpoint's
 * per-connection view): {@link NioImplementation#connections}. The counters are read
 * without stopping the connection's loop, so they may be a moment old.
 *
 * @param peer the client's address (from the PROXY header, behind a proxy)
 * @param proxy the proxy's address, or {@code null} when not behind one
 * @param openedAt when the connection was accepted
 * @param idleFor how long since a byte was last received or sent (to within one loop
 * iteration)
 * @param bytesIn plaintext bytes received
 * @param bytesOut plaintext bytes sent
 * @param queuedOutput bytes written and not yet sent
 * @param tlsProtocol the TLS protocol, or {@code null} for plaintext (or a handshake in
 * progress)
 */
public record ConnectionSnapshot(SocketAddress peer, @Nullable SocketAddress proxy, Instant openedAt, Duration idleFor,
		long bytesIn, long bytesOut, long queuedOutput, @Nullable String tlsProtocol) {

}
