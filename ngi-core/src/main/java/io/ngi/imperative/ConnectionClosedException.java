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

package io.ngi.imperative;

import io.ngi.NgiException;

/**
 * Thrown by {@link Input#next()} when the connection was closed by the peer, the network,
 * a listener stop or a framing adapter. Its message is the close reason. A body normally
 * lets it propagate, which ends the body quietly.
 */
public class ConnectionClosedException extends NgiException {

	/**
	 * Why the connection closed (part of the serialized form).
	 */
	private final String reason;

	/**
	 * Creates an exception for a close.
	 * @param reason the close reason, also the message
	 */
	public ConnectionClosedException(String reason) {
		super(reason);
		this.reason = reason;
	}

	/**
	 * Returns why the connection closed.
	 * @return the close reason, for example {@code "end of input"}
	 */
	public String reason() {
		return this.reason;
	}

}
