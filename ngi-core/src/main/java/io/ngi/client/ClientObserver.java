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

package io.ngi.client;

import org.jspecify.annotations.Nullable;

import io.ngi.CloseReason;

/**
 * Told of every state change of a {@link ReconnectingClient}: for metrics, health and
 * logs of an application's own. Called after the change, outside the client's lock, on
 * the thread that caused it (the implementation's loop, or the thread that built or
 * closed the client); must be thread-safe and must not block. An exception it throws is
 * logged and ignored.
 *
 * {@snippet :
 * ReconnectingClient client = ReconnectingClient.builder(implementation, address, server)
 * 	.observer((c, from, to, reason) -> log.info("{}: {} -> {} ({})", c.name(), from, to, reason))
 * 	.build();
 * }
 */
@FunctionalInterface
public interface ClientObserver {

	/**
	 * The client changed state. A failed connect is {@code CONNECTING -> WAITING} (with
	 * the reason, also when the {@code Server} threw), a success
	 * {@code CONNECTING -> CONNECTED}, a lost connection {@code CONNECTED -> WAITING}
	 * (with the close reason), a wait that ended {@code WAITING -> CONNECTING}, and
	 * {@link ReconnectingClient#close()} {@code <any> -> CLOSED}.
	 * @param client the client
	 * @param from the state before
	 * @param to the state now
	 * @param reason why a connect failed or a connection closed, {@code null} for the
	 * other changes
	 */
	void stateChanged(ReconnectingClient client, ReconnectingClient.State from, ReconnectingClient.State to,
			@Nullable CloseReason reason);

}
